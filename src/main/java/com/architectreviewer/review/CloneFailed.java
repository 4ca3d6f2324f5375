package com.architectreviewer.review;

/**
 * A repository could not be cloned: unreachable, not a git repository, an unknown branch or tag, or
 * over the size or time limit. The message never contains credentials. {@link #retryable()} tells
 * whether trying again later may succeed (connection reset or refused, timeout, 5xx or 429 from the
 * git host) or not (repository not found, authentication required, unknown ref, size limit).
 */
public final class CloneFailed extends RuntimeException {

  private final boolean retryable;

  public CloneFailed(String message) {
    this(message, false);
  }

  public CloneFailed(String message, boolean retryable) {
    super(message);
    this.retryable = retryable;
  }

  /** True when the failure is transient and a later attempt may succeed. */
  public boolean retryable() {
    return retryable;
  }
}
