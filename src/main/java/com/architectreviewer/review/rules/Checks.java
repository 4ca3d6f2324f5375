package com.architectreviewer.review.rules;

import java.util.List;

/** The built-in rule pack. Add a check here (one line) to make the engine run it. */
public final class Checks {

  private Checks() {}

  /** Every built-in check, in report order of their rule ids. */
  public static List<Check> all() {
    return List.of(
        new DbClientPerRequest(),
        new DbClientSingleton(),
        new DirectEndpoint(),
        new PooledWithoutDirectUrl(),
        new PgBouncerFlag(),
        new ConnectionLimit(),
        new RedisClientPerRequest(),
        new LongRunningWorkInHandler(),
        new PollingLoopInHandler(),
        new LlmRouteWithoutRateLimit(),
        new ClientChosenLlmParameters(),
        new UnvalidatedRequestInput(),
        new SecretExposedToBrowser(),
        new CommittedEnvFile(),
        new HardcodedCredential(),
        new GetWithSideEffects(),
        new NoErrorMonitoring(),
        new AwaitedNonCriticalWrite());
  }
}
