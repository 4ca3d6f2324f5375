package com.architectreviewer.jobs;

import java.util.Locale;

/**
 * Where a job is in its life. {@code succeeded}, {@code failed} and {@code cancelled} are final.
 */
public enum JobState {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELLED;

  /** The name used in the database and in the API. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }

  static JobState of(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
