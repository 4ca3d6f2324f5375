package com.architectreviewer.ai;

import java.time.Duration;

/** The tenant used its daily token budget. Answered as 429 quota-exceeded with Retry-After. */
class TokenBudgetExhausted extends RuntimeException {

  private final long used;
  private final long budget;
  private final transient Duration retryAfter;

  TokenBudgetExhausted(long used, long budget, Duration retryAfter) {
    super("Daily AI token budget used: " + used + " of " + budget);
    this.used = used;
    this.budget = budget;
    this.retryAfter = retryAfter;
  }

  long used() {
    return used;
  }

  long budget() {
    return budget;
  }

  Duration retryAfter() {
    return retryAfter;
  }
}
