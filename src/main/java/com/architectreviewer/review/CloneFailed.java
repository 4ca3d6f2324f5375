package com.architectreviewer.review;

/**
 * A repository could not be cloned: unreachable, not a git repository, or over the size or time
 * limit. The message never contains credentials.
 */
public final class CloneFailed extends RuntimeException {

  public CloneFailed(String message) {
    super(message);
  }
}
