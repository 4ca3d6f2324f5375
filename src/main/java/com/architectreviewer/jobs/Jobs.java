package com.architectreviewer.jobs;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The job queue as other modules use it: enqueue (inside the caller's transaction), read, cancel
 * and retry. Every method is scoped by tenant; another tenant's job does not exist.
 */
@Service
public class Jobs {

  /** How long an {@code Idempotency-Key} keeps returning the same job. */
  public static final Duration IDEMPOTENCY_RETENTION = Duration.ofHours(24);

  private final JobRepository repository;
  private final JobMetrics metrics;
  private final Clock clock;

  Jobs(JobRepository repository, JobMetrics metrics, JobsClock clock) {
    this.repository = repository;
    this.metrics = metrics;
    this.clock = clock.clock();
  }

  /**
   * Enqueues a job in the caller's transaction (it becomes visible to workers when that commits).
   * With an idempotency key seen in the last 24 hours, returns the earlier job when the request
   * hash matches.
   *
   * @throws IdempotencyKeyReused when the key was used with another request hash
   */
  @Transactional
  public JobAccepted enqueue(NewJob job) {
    var now = clock.instant();
    if (job.idempotencyKey() != null) {
      repository.expireKey(job.tenantId(), job.idempotencyKey(), now.minus(IDEMPOTENCY_RETENTION));
    }
    UUID id = UUID.randomUUID();
    if (!repository.insertAndSchedule(id, job, now)) {
      var earlier =
          repository
              .findByKey(job.tenantId(), job.idempotencyKey())
              .orElseThrow(() -> new IllegalStateException("Idempotency key conflict vanished"));
      if (!earlier.requestHash().equals(job.requestHash())) {
        throw new IdempotencyKeyReused(job.idempotencyKey());
      }
      return new JobAccepted(earlier.id(), false);
    }
    metrics.enqueued(job.kind());
    return new JobAccepted(id, true);
  }

  /** The tenant's job, if it exists. */
  @Transactional(readOnly = true)
  public Optional<JobView> find(UUID tenantId, UUID jobId) {
    return repository.find(tenantId, jobId);
  }

  /**
   * Cancels a job: a queued job is cancelled at once and never starts; a running job stops at its
   * next checkpoint. Cancelling a cancelled job is a no-op.
   *
   * @throws JobNotFound when the tenant has no such job
   * @throws JobStateConflict when the job already succeeded or failed
   */
  @Transactional
  public JobView cancel(UUID tenantId, UUID jobId) {
    // The execution's row before the job's, in the order of the pick-and-claim: no deadlock.
    repository.lockExecution(jobId);
    var state = repository.cancel(tenantId, jobId, clock.instant());
    if (state.isPresent() && state.get() == JobState.CANCELLED) {
      repository.recordEvent(jobId);
      repository.deleteUnpickedExecution(jobId);
      metrics.finished(find(tenantId, jobId).map(JobView::kind).orElse("unknown"), "cancelled");
    }
    var job = repository.find(tenantId, jobId).orElseThrow(() -> new JobNotFound(jobId));
    if (state.isEmpty() && job.state() != JobState.CANCELLED) {
      throw new JobStateConflict(
          "Job "
              + jobId
              + " already "
              + job.state().value()
              + "; only queued or running jobs can"
              + " be cancelled.");
    }
    return job;
  }

  /**
   * Runs a failed or cancelled job again, as the same job (its history stays in the event log).
   *
   * @throws JobNotFound when the tenant has no such job
   * @throws JobStateConflict when the job is not failed or cancelled
   */
  @Transactional
  public JobAccepted retry(UUID tenantId, UUID jobId) {
    var now = clock.instant();
    repository.lockExecution(jobId);
    var priority = repository.requeue(tenantId, jobId, now);
    if (priority.isEmpty()) {
      var job = repository.find(tenantId, jobId).orElseThrow(() -> new JobNotFound(jobId));
      throw new JobStateConflict(
          "Job "
              + jobId
              + " is "
              + job.state().value()
              + "; only failed or cancelled jobs can be"
              + " retried.");
    }
    repository.recordEvent(jobId);
    repository.schedule(jobId, priority.get(), now);
    var kind = repository.find(tenantId, jobId).map(JobView::kind).orElse("unknown");
    metrics.enqueued(kind);
    return new JobAccepted(jobId, true);
  }
}
