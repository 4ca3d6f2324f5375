package com.architectreviewer.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.architectreviewer.testsupport.PlatformTest;
import java.sql.Connection;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The plans PostgreSQL runs inside the claim and the final write (generic plans since V66), read
 * with auto_explain on a backlog of 2,000 queued jobs whose tables were never analyzed: every
 * statement is driven by the given ids through an index, none scans a table. A change of the
 * functions or of the plan settings that makes a statement scan the backlog fails here, long before
 * a drain slows down. One transaction, rolled back.
 */
@PlatformTest
@TestPropertySource(
    properties = {"db-scheduler.enabled=false", "reviewer.jobs.workers-enabled=false"})
class QueuePlansIT {

  private static final int BACKLOG = 2_000;
  private static final int BATCH = 10;

  @Autowired DataSource dataSource;

  @Test
  void theClaimAndTheFinalWriteReachTheirRowsByIndexWhateverTheBacklog() throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        UUID tenant = UUID.randomUUID();
        String task = "job";
        statement.execute(
            "INSERT INTO tenants (id, name) VALUES ('" + tenant + "', 'plans-" + tenant + "')");
        statement.execute(
            """
            CREATE TEMPORARY TABLE plan_ids ON COMMIT DROP AS
            SELECT gen_random_uuid() AS id, n FROM generate_series(1, %d) AS n
            """
                .formatted(BACKLOG));
        statement.execute(
            """
            INSERT INTO jobs (id, tenant_id, kind, state, payload, created_at, updated_at)
            SELECT id, '%s', 'test', 'queued', 'ok', now(), now() FROM plan_ids
            """
                .formatted(tenant));
        statement.execute(
            """
            INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked,
                                         version, priority, consecutive_failures)
            SELECT '%s', CAST(id AS text), now(), false, 1, 0, 0 FROM plan_ids
            """
                .formatted(task));
        String batch =
            "(SELECT array_agg(id ORDER BY n) FROM plan_ids WHERE n BETWEEN 1001 AND "
                + (1000 + BATCH)
                + ")";

        statement.execute("LOAD 'auto_explain'");
        statement.execute("SET LOCAL auto_explain.log_min_duration = 0");
        statement.execute("SET LOCAL auto_explain.log_nested_statements = on");
        statement.execute("SET LOCAL auto_explain.log_level = notice");
        statement.execute("SET LOCAL client_min_messages = notice");

        statement.clearWarnings();
        int started = 0;
        try (var rows =
            statement.executeQuery(
                "SELECT outcome FROM reviewer_claim_jobs(" + batch + ", 1000, now())")) {
          while (rows.next()) {
            started += "started".equals(rows.getString(1)) ? 1 : 0;
          }
        }
        List<String> claimPlans = plans(statement.getWarnings());

        statement.clearWarnings();
        int finished = 0;
        try (var rows =
            statement.executeQuery(
                """
                SELECT count(*) FROM reviewer_finish_jobs(
                    (SELECT jsonb_agg(jsonb_build_object('id', id, 'attempt', 1,
                                                         'state', 'succeeded', 'stage', 'done',
                                                         'version', 1))
                     FROM plan_ids WHERE n BETWEEN 1001 AND %d),
                    %s, now())
                """
                    .formatted(1000 + BATCH, batch))) {
          rows.next();
          finished = rows.getInt(1);
        }
        List<String> finishPlans = plans(statement.getWarnings());
        int left;
        try (var rows =
            statement.executeQuery(
                "SELECT count(*) FROM scheduled_tasks s JOIN plan_ids p"
                    + " ON s.task_name = 'job' AND s.task_instance = CAST(p.id AS text)")) {
          rows.next();
          left = rows.getInt(1);
        }

        assertThat(started).isEqualTo(BATCH);
        assertThat(finished).isEqualTo(BATCH);
        assertThat(left).as("the batch's executions are removed").isEqualTo(BACKLOG - BATCH);

        assertThat(claimPlans).isNotEmpty();
        assertThat(String.join("\n", claimPlans))
            .doesNotContain("Seq Scan on jobs")
            .contains("Index Cond: (id = ANY")
            .contains("jobs_running_idx");
        assertThat(finishPlans).isNotEmpty();
        assertThat(String.join("\n", finishPlans))
            .doesNotContain("Seq Scan on jobs")
            .doesNotContain("Seq Scan on scheduled_tasks")
            .containsPattern(
                "Index Cond: \\(\\(task_name = 'job'::text\\) AND \\(task_instance = ANY");
      } finally {
        connection.rollback();
      }
    }
  }

  /** The plans auto_explain reported as notices. */
  private static List<String> plans(SQLWarning first) {
    List<String> plans = new ArrayList<>();
    for (SQLWarning warning = first; warning != null; warning = warning.getNextWarning()) {
      if (warning.getMessage() != null && warning.getMessage().contains("plan:")) {
        plans.add(warning.getMessage());
      }
    }
    return plans;
  }
}
