package com.architectreviewer.providers;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The guards around each provider, as values: a circuit breaker per provider (failures of any kind
 * count) and a retry policy that retries 429/5xx, waiting what {@code Retry-After} asks when it is
 * within bounds and failing over at once when it is not.
 */
final class ProviderGuards {

  private static final Duration BACKOFF = Duration.ofMillis(250);

  private final CircuitBreakerRegistry breakers;
  private final RetryConfig retryConfig;
  private final Map<String, Retry> retries = new ConcurrentHashMap<>();
  private final Map<String, Bucket> perMinute = new ConcurrentHashMap<>();

  ProviderGuards(ProvidersProperties properties) {
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
    CircuitBreaker breaker = breakers.circuitBreaker(provider);
    Retry retry = retries.computeIfAbsent(provider, name -> Retry.of(name, retryConfig));
    return Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, call)).get();
  }

  /**
   * Takes one call from the provider's requests-per-minute allowance (in this process); false when
   * it is used up and the provider must be skipped for now.
   */
  boolean tryAcquireCall(Provider provider) {
    String key = provider.name() + "@" + provider.requestsPerMinute();
    return perMinute
        .computeIfAbsent(
            key,
            k ->
                Bucket.builder()
                    .addLimit(
                        Bandwidth.builder()
                            .capacity(provider.requestsPerMinute())
                            .refillGreedy(provider.requestsPerMinute(), Duration.ofMinutes(1))
                            .build())
                    .build())
        .tryConsume(1);
  }

  /** {@code closed}, {@code open}, {@code half_open}... of the provider's breaker. */
  String state(String provider) {
    return breakers.circuitBreaker(provider).getState().name().toLowerCase(Locale.ROOT);
  }

  boolean open(String provider) {
    var state = breakers.circuitBreaker(provider).getState();
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
