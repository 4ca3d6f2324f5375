package com.architectreviewer.scan;

import com.architectreviewer.jobs.JobAttemptFailed;

/**
 * The source could not be fetched for a reason that may pass (connection reset or refused, timeout,
 * 5xx from the git host): the job's attempt fails and the job is retried with its backoff.
 */
class SourceUnavailable extends JobAttemptFailed {
  SourceUnavailable(String message, Throwable cause) {
    super(message, cause);
  }
}
