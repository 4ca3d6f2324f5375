package com.architectreviewer.jobs;

/** The {@code Idempotency-Key} was used before with another request body (answered with 422). */
public class IdempotencyKeyReused extends RuntimeException {
  public IdempotencyKeyReused(String key) {
    super(
        "Idempotency-Key '"
            + key
            + "' was already used with a different request body; use a new key for a new"
            + " request.");
  }
}
