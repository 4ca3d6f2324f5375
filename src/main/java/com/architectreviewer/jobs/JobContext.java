package com.architectreviewer.jobs;

import java.util.UUID;

/** What a running job sees of itself: its input, progress reporting and cancellation. */
public interface JobContext {

  UUID jobId();

  UUID tenantId();

  String kind();

  /** The handler's input as given to {@link NewJob#payload()}. */
  String payload();

  /** 1 for the first attempt, 2 for the first retry, and so on. */
  int attempt();

  /**
   * Reports progress. Cheap to call often: it is persisted and published at most every few hundred
   * milliseconds, and at once when the stage changes.
   */
  void progress(int percent, String stage);

  /** Whether the user asked to cancel this job (checked against the database, throttled). */
  boolean isCancelled();

  /** Throws {@link JobCancelled} when the job was cancelled; call it between units of work. */
  default void checkpoint() {
    if (isCancelled()) {
      throw new JobCancelled(jobId());
    }
  }
}
