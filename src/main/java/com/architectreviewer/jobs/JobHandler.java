package com.architectreviewer.jobs;

/**
 * Runs the jobs of one kind. Register an implementation as a Spring bean.
 *
 * <p>Handlers must be idempotent: a job whose worker died is run again, so a re-run has to replace
 * whatever an earlier attempt half-wrote (in one transaction), leaving exactly one result.
 *
 * <p>Throw {@link JobCannotSucceed} for errors that retrying cannot fix (bad input, a missing
 * repository): the job fails at once. Any other exception is retried with backoff up to the
 * configured number of attempts.
 */
public interface JobHandler {

  /** The job kind this handler runs, e.g. {@code scan}. */
  String kind();

  /**
   * Runs the job; returns the reference of its result (e.g. {@code /api/v1/scans/{id}}), or null.
   * Call {@link JobContext#checkpoint()} between units of work so cancellation takes effect.
   */
  String run(JobContext context) throws Exception;
}
