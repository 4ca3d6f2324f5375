package com.architectreviewer.jobs;

/**
 * The attempt failed for a known reason that may pass (a git host answering 502, a connection
 * reset): the job is retried with its backoff like after any other exception, but its message is
 * fit for users, so the job's {@code error} says what went wrong instead of only an error id, and
 * the final failure is logged rather than reported to error tracking as a defect. The message must
 * never carry secrets.
 */
public class JobAttemptFailed extends RuntimeException {
  public JobAttemptFailed(String userMessage, Throwable cause) {
    super(userMessage, cause);
  }
}
