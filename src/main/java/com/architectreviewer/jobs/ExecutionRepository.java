package com.architectreviewer.jobs;

import static com.architectreviewer.jobs.JobRepository.ts;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The worker side of {@code jobs}: claiming a job, progress, and its outcome. Every write after the
 * claim is fenced by the attempt number, so a worker that was declared dead but still runs can
 * never overwrite the attempt that replaced it.
 */
@Repository
class ExecutionRepository {

  private static final String LOCK =
      """
      SELECT tenant_id, kind, state, cancel_requested, payload, attempts, created_at
      FROM jobs WHERE id = :id FOR UPDATE
      """;
  private static final String TENANT_LOCK =
      "SELECT 1 FROM pg_advisory_xact_lock(4, hashtext(CAST(:tenantId AS text)))";
  private static final String RUNNING_OF_TENANT =
      "SELECT count(*) FROM jobs WHERE tenant_id = :tenantId AND state = 'running' AND id <> :id";
  private static final String START =
      """
      WITH started AS (
        UPDATE jobs SET state = 'running', attempts = attempts + 1, started_at = :now,
                        stage = 'started', error = NULL, next_attempt_at = NULL, updated_at = :now
        WHERE id = :id
        RETURNING id, state, progress, stage, attempts, error, result_ref, updated_at)
      INSERT INTO job_events (job_id, state, progress, stage, attempts, error, result_ref,
                              created_at)
      SELECT * FROM started
      """;
  private static final String WAIT =
      """
      UPDATE jobs SET state = 'queued', stage = 'waiting for a free slot of the tenant',
                      updated_at = :now
      WHERE id = :id AND state <> 'queued'
      """;
  private static final String FINISH =
      """
      WITH finished AS (
        UPDATE jobs SET state = :state, progress = CASE WHEN :state = 'succeeded' THEN 100
                                                         ELSE progress END,
                        stage = :stage, error = :error, result_ref = :resultRef,
                        finished_at = :now, updated_at = :now
        WHERE id = :id AND state = 'running' AND attempts = :attempt
        RETURNING id, state, progress, stage, attempts, error, result_ref, updated_at)
      INSERT INTO job_events (job_id, state, progress, stage, attempts, error, result_ref,
                              created_at)
      SELECT * FROM finished
      """;
  private static final String CANCEL_UNSTARTED =
      """
      WITH cancelled AS (
        UPDATE jobs SET state = 'cancelled', stage = 'cancelled', finished_at = :now,
                        updated_at = :now
        WHERE id = :id AND state IN ('queued', 'running')
        RETURNING id, state, progress, stage, attempts, error, result_ref, updated_at)
      INSERT INTO job_events (job_id, state, progress, stage, attempts, error, result_ref,
                              created_at)
      SELECT * FROM cancelled
      """;
  private static final String RETRY_LATER =
      """
      WITH waiting AS (
        UPDATE jobs SET state = 'queued', stage = 'retry scheduled', error = :error,
                        next_attempt_at = :at, updated_at = :now
        WHERE id = :id AND state = 'running' AND attempts = :attempt
        RETURNING id, state, progress, stage, attempts, error, result_ref, updated_at)
      INSERT INTO job_events (job_id, state, progress, stage, attempts, error, result_ref,
                              created_at)
      SELECT * FROM waiting
      """;
  private static final String PROGRESS =
      """
      WITH moved AS (
        UPDATE jobs SET progress = :progress, stage = :stage, updated_at = :now
        WHERE id = :id AND state = 'running' AND attempts = :attempt
        RETURNING id, state, progress, stage, attempts, error, result_ref, updated_at)
      INSERT INTO job_events (job_id, state, progress, stage, attempts, error, result_ref,
                              created_at)
      SELECT * FROM moved
      """;
  private static final String CANCEL_REQUESTED = "SELECT cancel_requested FROM jobs WHERE id = :id";

  /** What a claim found. */
  sealed interface Claim {
    /** The job does not exist any more, is finished, or was cancelled before it started. */
    record Gone(String why) implements Claim {}

    /** The tenant is at its running limit; try again later. */
    record Deferred() implements Claim {}

    /** The job is now running as attempt {@code attempt}. */
    record Started(
        UUID id, UUID tenantId, String kind, String payload, int attempt, Duration waited)
        implements Claim {}
  }

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;

  ExecutionRepository(JdbcClient jdbc, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.transactions = transactions;
  }

  Claim claim(UUID id, int tenantRunningLimit, Instant now) {
    return transactions.execute(status -> claimInTransaction(id, tenantRunningLimit, now));
  }

  private Claim claimInTransaction(UUID id, int tenantRunningLimit, Instant now) {
    record Row(
        UUID tenantId,
        String kind,
        JobState state,
        boolean cancelRequested,
        String payload,
        int attempts,
        Instant createdAt) {}
    Optional<Row> found =
        jdbc.sql(LOCK)
            .param("id", id)
            .query((rs, n) ->
                new Row(
                    rs.getObject("tenant_id", UUID.class),
                    rs.getString("kind"),
                    JobState.of(rs.getString("state")),
                    rs.getBoolean("cancel_requested"),
                    rs.getString("payload"),
                    rs.getInt("attempts"),
                    JobRepository.instant(rs, "created_at")))
            .optional();
    if (found.isEmpty()) {
      return new Claim.Gone("the job was deleted");
    }
    Row job = found.get();
    if (job.state().isTerminal()) {
      return new Claim.Gone("the job is already " + job.state().value());
    }
    if (job.cancelRequested()) {
      jdbc.sql(CANCEL_UNSTARTED).param("id", id).param("now", ts(now)).update();
      return new Claim.Gone("the job was cancelled before it started");
    }
    jdbc.sql(TENANT_LOCK).param("tenantId", job.tenantId()).query(rs -> {});
    long running =
        jdbc.sql(RUNNING_OF_TENANT)
            .param("tenantId", job.tenantId())
            .param("id", id)
            .query(Long.class)
            .single();
    if (running >= tenantRunningLimit) {
      jdbc.sql(WAIT).param("id", id).param("now", ts(now)).update();
      return new Claim.Deferred();
    }
    jdbc.sql(START).param("id", id).param("now", ts(now)).update();
    return new Claim.Started(
        id,
        job.tenantId(),
        job.kind(),
        job.payload(),
        job.attempts() + 1,
        Duration.between(job.createdAt(), now));
  }

  /** Records the final state of an attempt; false if the attempt was superseded. */
  boolean finish(
      UUID id,
      int attempt,
      JobState state,
      String stage,
      String error,
      String resultRef,
      Instant now) {
    return jdbc.sql(FINISH)
            .param("id", id)
            .param("attempt", attempt)
            .param("state", state.value())
            .param("stage", stage)
            .param("error", error)
            .param("resultRef", resultRef)
            .param("now", ts(now))
            .update()
        == 1;
  }

  boolean retryLater(UUID id, int attempt, String error, Instant at, Instant now) {
    return jdbc.sql(RETRY_LATER)
            .param("id", id)
            .param("attempt", attempt)
            .param("error", error)
            .param("at", ts(at))
            .param("now", ts(now))
            .update()
        == 1;
  }

  void progress(UUID id, int attempt, int percent, String stage, Instant now) {
    jdbc.sql(PROGRESS)
        .param("id", id)
        .param("attempt", attempt)
        .param("progress", percent)
        .param("stage", stage)
        .param("now", ts(now))
        .update();
  }

  boolean cancelRequested(UUID id) {
    return jdbc.sql(CANCEL_REQUESTED).param("id", id).query(Boolean.class).optional().orElse(true);
  }
}
