package com.architectreviewer.jobs;

import java.util.UUID;

/**
 * A job that was accepted: either just created, or the earlier job of the same idempotency key.
 *
 * @param jobId the job
 * @param created false when an earlier request with the same key and body created it
 */
public record JobAccepted(UUID jobId, boolean created) {

  /** Where the client follows the job: the value of the {@code Location} header. */
  public String location() {
    return "/api/v1/jobs/" + jobId;
  }
}
