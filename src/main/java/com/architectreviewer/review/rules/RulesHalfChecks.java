package com.architectreviewer.review.rules;

import java.util.List;

/** The checks of AR-JOB, AR-AI, AR-SEC and AR-OBS rules, in rule id order. */
final class RulesHalfChecks {

  private RulesHalfChecks() {}

  static List<Check> all() {
    return List.of(
        new LongRunningWorkInHandler(),
        new PollingLoopInHandler(),
        new LlmRouteWithoutRateLimit(),
        new ClientChosenLlmParameters(),
        new UnvalidatedRequestInput(),
        new GetWithSideEffects(),
        new AwaitedNonCriticalWrite());
  }
}
