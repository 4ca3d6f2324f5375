package com.architectreviewer.jobs;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: the delay before retry {@code n} is a random duration
 * between half and all of {@code min(base * 2^(n-1), max)}.
 */
record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

  boolean mayRetryAfter(int attempt) {
    return attempt < maxAttempts;
  }

  Duration delayAfter(int attempt, RandomGenerator random) {
    long base = baseDelay.toMillis();
    int shift = Math.min(Math.max(attempt - 1, 0), 30);
    long ceiling = Math.min(maxDelay.toMillis(), base << shift);
    if (ceiling <= 1) {
      return Duration.ofMillis(ceiling);
    }
    long half = ceiling / 2;
    return Duration.ofMillis(half + random.nextLong(ceiling - half + 1));
  }
}
