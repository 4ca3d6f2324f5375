package com.architectreviewer.providers;

import java.time.Duration;

/**
 * Every usable provider failed or has its circuit breaker open. Answered as 503 with {@code
 * Retry-After}.
 */
public class NoProviderAvailable extends RuntimeException {

  private final transient Duration retryAfter;

  NoProviderAvailable(Duration retryAfter) {
    super("No LLM provider answered");
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
