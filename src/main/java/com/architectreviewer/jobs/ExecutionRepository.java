package com.architectreviewer.jobs;

import static com.architectreviewer.jobs.JobRepository.ts;

import com.architectreviewer.db.UnobservedDataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
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
   * See the migration that creates {@code reviewer_finish_jobs}.
   */
  private static final String FINISH_ALL =
      "SELECT id, state FROM reviewer_finish_jobs(CAST(:rows AS jsonb), CAST(:ids AS uuid[]), :now)";

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

  /**
   * Its statements run many times a second per worker and are measured by the job metrics, so they
   * skip the per-statement observation of the application's DataSource (same pool).
   */
  ExecutionRepository(UnobservedDataSource database) {
    this.jdbc = database.jdbc();
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
          Claim claim = claimIn(rs, id, "", now);
          claims.put(id, claim);
        });
    return ids.stream()
        .map(id -> claims.getOrDefault(id, new Claim.Gone("the job was deleted")))
        .toList();
  }

  /**
   * The claim in the current row of a result: columns {@code outcome, state, tenant_id, kind,
   * payload, attempt, created_at}, each name after {@code prefix} (the claim functions' results).
   */
  static Claim claimIn(ResultSet rs, UUID id, String prefix, Instant now) throws SQLException {
    return switch (rs.getString(prefix + "outcome")) {
      case "started" ->
          new Claim.Started(
              id,
              rs.getObject(prefix + "tenant_id", UUID.class),
              rs.getString(prefix + "kind"),
              rs.getString(prefix + "payload"),
              rs.getInt(prefix + "attempt"),
              Duration.between(JobRepository.instant(rs, prefix + "created_at"), now));
      case "deferred" -> new Claim.Deferred();
      case "deleted" -> new Claim.Gone("the job was deleted");
      case "cancelled" -> new Claim.Gone("the job was cancelled before it started");
      default -> new Claim.Gone("the job is already " + rs.getString(prefix + "state"));
    };
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
