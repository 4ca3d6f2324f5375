package com.architectreviewer.portfolio;

import com.architectreviewer.jobs.JobView;
import java.util.UUID;

/**
 * One repository of an ingest as {@code GET /api/v1/portfolio/ingests/{jobId}} shows it: the stored
 * {@link IngestOutcome} brought up to date with its scan job, so a page can follow every child.
 *
 * @param state the scan job's state now (or the stored outcome's when there is no job)
 * @param progress the scan job's progress 0–100, or null when no scan was started
 * @param stage the scan job's stage ({@code analysing}, …), or null
 * @param scan the scan's URL once it succeeded
 */
record IngestProgress(
    String name,
    String url,
    String path,
    UUID repositoryId,
    String registration,
    UUID scanJobId,
    String state,
    Integer progress,
    String stage,
    String error,
    String scan) {

  static IngestProgress of(IngestOutcome outcome, JobView job) {
    if (job == null) {
      return new IngestProgress(
          outcome.name(),
          outcome.url(),
          outcome.path(),
          outcome.repositoryId(),
          outcome.registration(),
          outcome.scanJobId(),
          outcome.state(),
          outcome.scanJobId() == null ? null : 0,
          null,
          outcome.error(),
          outcome.scan());
    }
    return new IngestProgress(
        outcome.name(),
        outcome.url(),
        outcome.path(),
        outcome.repositoryId(),
        outcome.registration(),
        outcome.scanJobId(),
        job.state().value(),
        job.progress(),
        job.stage(),
        job.error() != null ? job.error() : outcome.error(),
        job.resultRef() != null ? job.resultRef() : outcome.scan());
  }
}
