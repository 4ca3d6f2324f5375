package com.architectreviewer.providers;

import com.architectreviewer.kv.KeyValueStore;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The guards around each provider, as values: a circuit breaker per provider (failures of any kind
 * count; its state is the gauge {@code resilience4j_circuitbreaker_state{name="provider-NAME"}}), a
 * retry policy that retries 429/5xx, waiting what {@code Retry-After} asks when it is within bounds
 * and failing over at once when it is not, and the provider's requests-per-minute allowance,
 * counted in the KV layer so that it holds across instances when Redis is configured.
 */
final class ProviderGuards {

  private static final Duration BACKOFF = Duration.ofMillis(250);

  /** Breaker names in metrics: {@code provider-NAME}, apart from the KV and analytics breakers. */
  static final String BREAKER_PREFIX = "provider-";

  private static final String RATE_KEY_PREFIX = "provider-rpm:";
  private static final long WINDOW_MILLIS = Duration.ofMinutes(1).toMillis();

  /** A minute's counter outlives its minute a little (clocks of instances differ slightly). */
  private static final Duration COUNTER_TTL = Duration.ofMinutes(2);

  private final CircuitBreakerRegistry breakers;
  private final RetryConfig retryConfig;
  private final Map<String, Retry> retries = new ConcurrentHashMap<>();
  private final KeyValueStore kv;
  private final Clock clock;

  /**
   * @param kv where the per-minute counters live: Redis (shared by every instance) when configured,
   *     else the process
   * @param meters where the breakers' state gauges go
   */
  ProviderGuards(
      ProvidersProperties properties, KeyValueStore kv, Clock clock, MeterRegistry meters) {
    this.kv = kv;
    this.clock = clock;
    var breakerConfig =
        CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(Math.max(10, properties.breakerMinimumCalls()))
            .minimumNumberOfCalls(properties.breakerMinimumCalls())
            .failureRateThreshold(properties.breakerFailureRate())
            .waitDurationInOpenState(properties.breakerOpenDuration())
            .permittedNumberOfCallsInHalfOpenState(1)
            .recordException(e -> e instanceof ProviderCallFailed)
            .build();
    this.breakers = CircuitBreakerRegistry.of(breakerConfig);
    TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
    Duration maxRetryAfter = properties.maxRetryAfter();
    this.retryConfig =
        RetryConfig.custom()
            .maxAttempts(properties.maxRetries() + 1)
            .retryOnException(
                e -> e instanceof ProviderCallFailed failed && retryable(failed, maxRetryAfter))
            .intervalBiFunction(waitBeforeRetry())
            .failAfterMaxAttempts(false)
            .build();
  }

  /** Runs the call through the provider's retry and breaker; the breaker sees every attempt. */
  ChatAnswer guard(String provider, Supplier<ChatAnswer> call) {
    CircuitBreaker breaker = breaker(provider);
    Retry retry = retries.computeIfAbsent(provider, name -> Retry.of(name, retryConfig));
    return Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, call)).get();
  }

  /**
   * Takes one call from the provider's requests-per-minute allowance; false when it is used up and
   * the provider must be skipped for now. The allowance is a counter per provider and clock minute
   * in the KV layer: with Redis every instance counts against the same allowance; without it, or
   * while Redis is unreachable, each process counts its own. (A fixed window: calls on both sides
   * of a minute's end may together reach twice the limit within 60 seconds, never more.)
   */
  boolean tryAcquireCall(Provider provider) {
    long window = Math.floorDiv(clock.millis(), WINDOW_MILLIS);
    long calls = kv.increment(RATE_KEY_PREFIX + provider.name() + ":" + window, COUNTER_TTL);
    return calls <= provider.requestsPerMinute();
  }

  /** How long until the per-minute allowances renew (the current clock minute ends). */
  Duration untilAllowancesRenew() {
    return Duration.ofMillis(WINDOW_MILLIS - Math.floorMod(clock.millis(), WINDOW_MILLIS));
  }

  /**
   * Creates the provider's breaker if it has none yet, so that its state gauge is there before the
   * first call.
   */
  void register(String provider) {
    breaker(provider);
  }

  private CircuitBreaker breaker(String provider) {
    return breakers.circuitBreaker(BREAKER_PREFIX + provider);
  }

  /** {@code closed}, {@code open}, {@code half_open}... of the provider's breaker. */
  String state(String provider) {
    return breaker(provider).getState().name().toLowerCase(Locale.ROOT);
  }

  boolean open(String provider) {
    var state = breaker(provider).getState();
    return state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN;
  }

  private static boolean retryable(ProviderCallFailed failed, Duration maxRetryAfter) {
    return failed.retryable()
        && failed.retryAfter().map(wait -> wait.compareTo(maxRetryAfter) <= 0).orElse(true);
  }

  private static IntervalBiFunction<Object> waitBeforeRetry() {
    return (attempt, outcome) -> {
      if (outcome.isLeft() && outcome.getLeft() instanceof ProviderCallFailed failed) {
        var asked = failed.retryAfter();
        if (asked.isPresent()) {
          return asked.get().toMillis();
        }
      }
      return BACKOFF.toMillis() * (1L << Math.min(attempt - 1, 4));
    };
  }
}
