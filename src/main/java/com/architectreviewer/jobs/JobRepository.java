package com.architectreviewer.jobs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of the {@code jobs}, {@code job_events} and (for enqueueing) {@code scheduled_tasks}. */
@Repository
class JobRepository {

  static final String TASK_NAME = "job";

  private static final String COLUMNS =
      """
      id, tenant_id, kind, state, progress, stage, attempts, error, result_ref, parent_id,
      created_at, started_at, finished_at
      """;

  /**
   * The job, its first event and its db-scheduler execution in one round trip; the NOTIFY wakes
   * idle workers when the caller's transaction commits.
   */
  private static final String INSERT_JOB =
      """
      WITH job AS (
        INSERT INTO jobs (id, tenant_id, kind, state, payload, idempotency_key, request_hash,
                          priority, parent_id, created_at, updated_at)
        VALUES (:id, :tenantId, :kind, 'queued', :payload, :key, :hash, :priority, :parentId,
                :now, :now)
        ON CONFLICT (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
        RETURNING id, state, progress, stage, attempts, error, result_ref, updated_at, priority),
      event AS (
        INSERT INTO job_events (job_id, state, progress, stage, attempts, error, result_ref,
                                created_at)
        SELECT id, state, progress, stage, attempts, error, result_ref, updated_at FROM job),
      execution AS (
        INSERT INTO scheduled_tasks (task_name, task_instance, task_data, execution_time, picked,
                                     version, priority, consecutive_failures)
        SELECT 'job', CAST(id AS text), NULL, updated_at, false, 1, priority, 0 FROM job
        ON CONFLICT (task_name, task_instance) DO NOTHING)
      SELECT (SELECT count(*) FROM job) AS inserted, pg_notify('reviewer_jobs', '') AS notified
      """;

  private static final String EXPIRE_KEY =
      """
      UPDATE jobs SET idempotency_key = NULL
      WHERE tenant_id = :tenantId AND idempotency_key = :key AND created_at < :expiredBefore
      """;
  private static final String FIND_BY_KEY =
      """
      SELECT id, request_hash FROM jobs WHERE tenant_id = :tenantId AND idempotency_key = :key
      """;
  private static final String INSERT_EXECUTION =
      """
      INSERT INTO scheduled_tasks (task_name, task_instance, task_data, execution_time, picked,
                                   version, priority, consecutive_failures)
      VALUES ('job', :id, NULL, :at, false, 1, :priority, 0)
      ON CONFLICT (task_name, task_instance) DO NOTHING
      """;
  private static final String NOTIFY = "SELECT pg_notify('reviewer_jobs', '')";
  private static final String FIND =
      "SELECT " + COLUMNS + " FROM jobs WHERE id = :id AND tenant_id = :tenantId";
  private static final String INSERT_EVENT_FROM_JOB =
      """
      INSERT INTO job_events (job_id, state, progress, stage, attempts, error, result_ref,
                              created_at)
      SELECT id, state, progress, stage, attempts, error, result_ref, updated_at
      FROM jobs WHERE id = :id
      """;
  private static final String CANCEL =
      """
      UPDATE jobs SET cancel_requested = true,
                      state = CASE WHEN state = 'queued' THEN 'cancelled' ELSE state END,
                      finished_at = CASE WHEN state = 'queued' THEN :now ELSE finished_at END,
                      stage = CASE WHEN state = 'queued' THEN 'cancelled' ELSE stage END,
                      updated_at = :now
      WHERE id = :id AND tenant_id = :tenantId AND state IN ('queued', 'running')
      RETURNING state
      """;
  private static final String LOCK_EXECUTION =
      "SELECT 1 FROM scheduled_tasks WHERE task_name = 'job' AND task_instance = :id FOR UPDATE";
  private static final String DELETE_UNPICKED_EXECUTION =
      """
      DELETE FROM scheduled_tasks
      WHERE task_name = 'job' AND task_instance = :id AND picked = false
      """;
  private static final String REQUEUE =
      """
      UPDATE jobs SET state = 'queued', progress = 0, stage = NULL, error = NULL,
                      cancel_requested = false, result_ref = NULL, attempts = 0,
                      started_at = NULL, finished_at = NULL, next_attempt_at = NULL,
                      updated_at = :now
      WHERE id = :id AND tenant_id = :tenantId AND state IN ('failed', 'cancelled')
      RETURNING priority
      """;
  private static final String EVENTS_AFTER =
      """
      SELECT e.id, e.state, e.progress, e.stage, e.attempts, e.error, e.result_ref, e.created_at
      FROM job_events e JOIN jobs j ON j.id = e.job_id
      WHERE e.job_id = :id AND j.tenant_id = :tenantId AND e.id > :after
      ORDER BY e.id LIMIT 500
      """;
  private static final String QUEUE_DEPTH = "SELECT count(*) FROM jobs WHERE state = 'queued'";

  private final JdbcClient jdbc;

  JobRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Inserts the job with its first event and makes it due; false when the tenant already has a job
   * with this idempotency key.
   */
  boolean insertAndSchedule(UUID id, NewJob job, Instant now) {
    boolean inserted =
        jdbc.sql(INSERT_JOB)
                .param("id", id)
                .param("tenantId", job.tenantId())
                .param("kind", job.kind())
                .param("payload", job.payload())
                .param("key", job.idempotencyKey())
                .param("hash", job.requestHash())
                .param("priority", job.priority())
                .param("parentId", job.parentId())
                .param("now", ts(now))
                .query((rs, row) -> rs.getLong("inserted"))
                .single()
            == 1;
    return inserted;
  }

  void expireKey(UUID tenantId, String key, Instant expiredBefore) {
    jdbc.sql(EXPIRE_KEY)
        .param("tenantId", tenantId)
        .param("key", key)
        .param("expiredBefore", ts(expiredBefore))
        .update();
  }

  record KeyedJob(UUID id, String requestHash) {}

  Optional<KeyedJob> findByKey(UUID tenantId, String key) {
    return jdbc.sql(FIND_BY_KEY)
        .param("tenantId", tenantId)
        .param("key", key)
        .query((rs, row) -> new KeyedJob(rs.getObject("id", UUID.class), rs.getString(2)))
        .optional();
  }

  /** Makes the job due for db-scheduler and wakes idle workers (the NOTIFY fires on commit). */
  void schedule(UUID id, int priority, Instant at) {
    jdbc.sql(INSERT_EXECUTION)
        .param("id", id.toString())
        .param("at", ts(at))
        .param("priority", priority)
        .update();
    jdbc.sql(NOTIFY).query(rs -> {});
  }

  void recordEvent(UUID id) {
    jdbc.sql(INSERT_EVENT_FROM_JOB).param("id", id).update();
  }

  Optional<JobView> find(UUID tenantId, UUID id) {
    return jdbc.sql(FIND)
        .param("id", id)
        .param("tenantId", tenantId)
        .query(JobRepository::view)
        .optional();
  }

  /** Marks the job cancelled (queued) or asks it to stop (running); empty if it is not active. */
  Optional<JobState> cancel(UUID tenantId, UUID id, Instant now) {
    return jdbc.sql(CANCEL)
        .param("id", id)
        .param("tenantId", tenantId)
        .param("now", ts(now))
        .query((rs, row) -> JobState.of(rs.getString(1)))
        .optional();
  }

  /**
   * Locks the job's db-scheduler execution, if it has one, until the transaction ends. A path that
   * changes a job and then its execution takes this first: the pick-and-claim locks executions
   * before jobs ({@code reviewer_pick_and_claim}), so the opposite order could deadlock.
   */
  void lockExecution(UUID id) {
    jdbc.sql(LOCK_EXECUTION).param("id", id.toString()).query(rs -> {});
  }

  void deleteUnpickedExecution(UUID id) {
    jdbc.sql(DELETE_UNPICKED_EXECUTION).param("id", id.toString()).update();
  }

  /** Puts a failed or cancelled job back in the queue; its priority, or empty if not allowed. */
  Optional<Integer> requeue(UUID tenantId, UUID id, Instant now) {
    return jdbc.sql(REQUEUE)
        .param("id", id)
        .param("tenantId", tenantId)
        .param("now", ts(now))
        .query(Integer.class)
        .optional();
  }

  List<JobEvent> eventsAfter(UUID tenantId, UUID id, long after) {
    return jdbc.sql(EVENTS_AFTER)
        .param("id", id)
        .param("tenantId", tenantId)
        .param("after", after)
        .query((rs, row) ->
            new JobEvent(
                rs.getLong("id"),
                JobState.of(rs.getString("state")),
                rs.getInt("progress"),
                rs.getString("stage"),
                rs.getInt("attempts"),
                rs.getString("error"),
                rs.getString("result_ref"),
                instant(rs, "created_at")))
        .list();
  }

  long queueDepth() {
    return jdbc.sql(QUEUE_DEPTH).query(Long.class).single();
  }

  static JobView view(ResultSet rs, int row) throws SQLException {
    return new JobView(
        rs.getObject("id", UUID.class),
        rs.getObject("tenant_id", UUID.class),
        rs.getString("kind"),
        JobState.of(rs.getString("state")),
        rs.getInt("progress"),
        rs.getString("stage"),
        rs.getInt("attempts"),
        rs.getString("error"),
        rs.getString("result_ref"),
        rs.getObject("parent_id", UUID.class),
        instant(rs, "created_at"),
        instant(rs, "started_at"),
        instant(rs, "finished_at"));
  }

  static OffsetDateTime ts(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
