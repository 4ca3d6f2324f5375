package com.architectreviewer.jobs;

import java.util.UUID;

/** The user cancelled the job; thrown at a checkpoint to stop the running handler. */
public class JobCancelled extends RuntimeException {
  public JobCancelled(UUID jobId) {
    super("Job " + jobId + " was cancelled");
  }
}
