package com.architectreviewer.jobs;

import static com.architectreviewer.jobs.JobRepository.ts;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The worker side of {@code jobs}: claiming a job, progress, and its outcome. Every write after the
 * claim is fenced by the attempt number, so a worker that was declared dead but still runs can
 * never overwrite the attempt that replaced it.
 */
@Repository
class ExecutionRepository {

  /** One round trip; see the migration that creates {@code reviewer_claim_job}. */
  private static final String CLAIM_ALL =
      "SELECT * FROM reviewer_claim_jobs(CAST(:ids AS uuid[]), :limit, :now)";

  /**
   * Final states of several attempts in one statement: each job's row (fenced by its attempt), its
   * event, and the removal of its db-scheduler execution (fenced by the execution's version, as
   * db-scheduler's own removal would be). The outcome and the end of the execution commit together.
   */
  private static final String FINISH_ALL =
      """
      WITH input AS (
        SELECT * FROM jsonb_to_recordset(CAST(:rows AS jsonb))
          AS t(id uuid, attempt int, state text, stage text, error text, result_ref text,
               version bigint)),
      finished AS (
        -- Work that ends after its cancellation was asked for counts as cancelled, as it would
        -- have at its next checkpoint; its result is dropped.
        UPDATE jobs j
        SET state = CASE WHEN j.cancel_requested AND i.state = 'succeeded' THEN 'cancelled'
                         ELSE i.state END,
            progress = CASE WHEN i.state = 'succeeded' AND NOT j.cancel_requested THEN 100
                            ELSE j.progress END,
            stage = CASE WHEN j.cancel_requested AND i.state = 'succeeded' THEN 'cancelled'
                         ELSE i.stage END,
            result_ref = CASE WHEN j.cancel_requested AND i.state = 'succeeded' THEN NULL
                              ELSE i.result_ref END,
            error = i.error, finished_at = :now, updated_at = :now
        FROM input i
        -- The id list lets the planner look the rows up by primary key instead of joining the
        -- whole table (it cannot estimate the JSON's row count).
        WHERE j.id = ANY (CAST(:ids AS uuid[])) AND j.id = i.id
          AND j.state = 'running' AND j.attempts = i.attempt
        RETURNING j.id, j.state, j.progress, j.stage, j.attempts, j.error, j.result_ref,
                  j.updated_at),
      events AS (
        INSERT INTO job_events (job_id, state, progress, stage, attempts, error, result_ref,
                                created_at)
        SELECT * FROM finished),
      removed AS (
        DELETE FROM scheduled_tasks s USING input i
        WHERE s.task_name = 'job' AND s.task_instance = ANY (CAST(:ids AS text[]))
          AND s.task_instance = CAST(i.id AS text) AND s.version = i.version)
      SELECT id, state FROM finished
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

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final JdbcClient jdbc;

  ExecutionRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Claim claim(UUID id, int tenantRunningLimit, Instant now) {
    return claimAll(List.of(id), tenantRunningLimit, now).getFirst();
  }

  /**
   * Claims several jobs in one round trip (see {@code reviewer_claim_jobs}); the claims in the
   * order of the ids.
   */
  List<Claim> claimAll(List<UUID> ids, int tenantRunningLimit, Instant now) {
    Map<UUID, Claim> claims = new HashMap<>();
    jdbc.sql(CLAIM_ALL)
        .param("ids", ids.stream().map(UUID::toString).toArray(String[]::new))
        .param("limit", tenantRunningLimit)
        .param("now", ts(now))
        .query(rs -> {
          UUID id = rs.getObject("job_id", UUID.class);
          Claim claim =
              switch (rs.getString("outcome")) {
                case "started" ->
                    new Claim.Started(
                        id,
                        rs.getObject("tenant_id", UUID.class),
                        rs.getString("kind"),
                        rs.getString("payload"),
                        rs.getInt("attempt"),
                        Duration.between(JobRepository.instant(rs, "created_at"), now));
                case "deferred" -> new Claim.Deferred();
                case "deleted" -> new Claim.Gone("the job was deleted");
                case "cancelled" -> new Claim.Gone("the job was cancelled before it started");
                default -> new Claim.Gone("the job is already " + rs.getString("state"));
              };
          claims.put(id, claim);
        });
    return ids.stream()
        .map(id -> claims.getOrDefault(id, new Claim.Gone("the job was deleted")))
        .toList();
  }

  /**
   * The final state of one attempt.
   *
   * @param executionVersion version of the db-scheduler execution that ran it
   */
  record Finish(
      UUID id,
      int attempt,
      JobState state,
      String stage,
      String error,
      String resultRef,
      long executionVersion) {}

  /**
   * Records final states and removes their executions, in one statement; for each, the state
   * recorded (a success that was cancelled meanwhile is recorded as cancelled), or empty when a
   * newer attempt superseded it.
   */
  List<Optional<JobState>> finishAll(List<Finish> finishes, Instant now) {
    var rows = JSON.createArrayNode();
    for (var finish : finishes) {
      rows.addObject()
          .put("id", finish.id().toString())
          .put("attempt", finish.attempt())
          .put("state", finish.state().value())
          .put("stage", finish.stage())
          .put("error", finish.error())
          .put("result_ref", finish.resultRef())
          .put("version", finish.executionVersion());
    }
    Map<UUID, JobState> recorded = new HashMap<>();
    jdbc.sql(FINISH_ALL)
        .param("rows", JSON.writeValueAsString(rows))
        .param(
            "ids", finishes.stream().map(finish -> finish.id().toString()).toArray(String[]::new))
        .param("now", ts(now))
        .query(rs -> {
          recorded.put(rs.getObject("id", UUID.class), JobState.of(rs.getString("state")));
        });
    return finishes.stream().map(finish -> Optional.ofNullable(recorded.get(finish.id()))).toList();
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
