package com.architectreviewer.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.architectreviewer.security.ApiKeys;
import com.architectreviewer.testsupport.PlatformTest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * db-scheduler's lock-and-fetch as {@link QueueJdbcCustomization} runs it ({@code
 * reviewer_pick_executions}, and {@code reviewer_pick_and_claim} that claims the picked jobs) on a
 * real PostgreSQL. Each case runs in a transaction that is rolled back, at a "now" in the year
 * 2000, so no other scheduler of the suite sees or takes its rows.
 */
@PlatformTest
@TestPropertySource(
    properties = {"db-scheduler.enabled=false", "reviewer.jobs.workers-enabled=false"})
class ExecutionPickIT {

  static final OffsetDateTime NOW = OffsetDateTime.of(2000, 1, 1, 12, 0, 0, 0, ZoneOffset.UTC);

  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate transactions;
  @Autowired Jobs jobs;
  @Autowired ApiKeys apiKeys;

  record Picked(
      String instance, boolean picked, String pickedBy, long version, OffsetDateTime hb) {}

  @Test
  void picksDueExecutionsByPriorityThenAgeUpToTheLimitAndMarksThemPicked() {
    transactions.executeWithoutResult(status -> {
      status.setRollbackOnly();
      String task = "pick-" + UUID.randomUUID();
      insert(task, "old-low", NOW.minusHours(3), 0);
      insert(task, "new-high", NOW.minusMinutes(1), 5);
      insert(task, "old-high", NOW.minusHours(2), 5);
      insert(task, "mid-low", NOW.minusHours(1), 0);
      insert(task, "future-high", NOW.plusMinutes(1), 9);

      List<Picked> picked = pick(3, List.of());

      assertThat(picked)
          .extracting(Picked::instance)
          .containsExactly("old-high", "new-high", "old-low");
      assertThat(picked)
          .allSatisfy(row -> {
            assertThat(row.picked()).isTrue();
            assertThat(row.pickedBy()).isEqualTo("pick-test");
            assertThat(row.version()).isEqualTo(2);
            assertThat(row.hb()).isEqualTo(NOW);
          });
      Map<String, Boolean> stored =
          jdbc
              .sql("SELECT task_instance, picked FROM scheduled_tasks WHERE task_name = :task")
              .param("task", task)
              .query((rs, row) -> Map.entry(rs.getString(1), rs.getBoolean(2)))
              .list()
              .stream()
              .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
      assertThat(stored)
          .containsEntry("old-high", true)
          .containsEntry("mid-low", false)
          .containsEntry("future-high", false);

      // The next fetch takes what is left and due; picked rows are not taken twice.
      assertThat(pick(10, List.of())).extracting(Picked::instance).containsExactly("mid-low");
      assertThat(pick(10, List.of())).isEmpty();
    });
  }

  @Test
  void leavesTasksTheSchedulerCannotResolveAlone() {
    transactions.executeWithoutResult(status -> {
      status.setRollbackOnly();
      String known = "pick-" + UUID.randomUUID();
      String unknown = "pick-unknown-" + UUID.randomUUID();
      insert(known, "a", NOW.minusMinutes(5), 0);
      insert(unknown, "b", NOW.minusMinutes(10), 9);

      assertThat(pick(10, List.of(unknown))).extracting(Picked::instance).containsExactly("a");
    });
  }

  @Test
  void picksAndClaimsTheJobsOfAFetchInOneStatementWithinTheTenantsLimit() {
    transactions.executeWithoutResult(status -> {
      status.setRollbackOnly();
      UUID tenant = apiKeys.ensureTenant("pick-" + UUID.randomUUID());
      UUID first = jobs.enqueue(NewJob.of(tenant, "test", "ok:first")).jobId();
      UUID second = jobs.enqueue(NewJob.of(tenant, "test", "ok:second")).jobId();

      Map<String, List<Object>> claims =
          jdbc
              .sql(
                  """
                  SELECT task_instance, picked, claim_outcome, claim_tenant_id, claim_kind,
                         claim_payload, claim_attempt
                  FROM reviewer_pick_and_claim(clock_timestamp() + interval '1 second', 1000,
                                               'pick-test', '{}', 1)
                  """)
              .query((rs, row) ->
                  Map.entry(
                      rs.getString(1),
                      java.util.Arrays.<Object>asList(
                          rs.getBoolean(2),
                          rs.getString(3),
                          rs.getObject(4, UUID.class),
                          rs.getString(5),
                          rs.getString(6),
                          rs.getInt(7))))
              .list()
              .stream()
              .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

      assertThat(claims.get(first.toString()))
          .containsExactly(true, "started", tenant, "test", "ok:first", 1);
      assertThat(claims.get(second.toString()))
          .containsExactly(true, "deferred", tenant, "test", null, 0);
      assertThat(jobs.find(tenant, first).orElseThrow().state()).isEqualTo(JobState.RUNNING);
      assertThat(jobs.find(tenant, second).orElseThrow().state()).isEqualTo(JobState.QUEUED);
    });
  }

  private void insert(String task, String instance, OffsetDateTime at, int priority) {
    jdbc.sql(
            """
            INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked,
                                         version, priority, consecutive_failures)
            VALUES (:task, :instance, :at, false, 1, :priority, 0)
            """)
        .param("task", task)
        .param("instance", instance)
        .param("at", at)
        .param("priority", priority)
        .update();
  }

  private List<Picked> pick(int limit, List<String> unresolved) {
    return jdbc.sql(
            """
            SELECT task_instance, picked, picked_by, version, last_heartbeat
            FROM reviewer_pick_executions(:now, :limit, 'pick-test', CAST(:unresolved AS text[]))
            """)
        .param("now", NOW)
        .param("limit", limit)
        .param("unresolved", unresolved.toArray(String[]::new))
        .query((rs, row) ->
            new Picked(
                rs.getString(1),
                rs.getBoolean(2),
                rs.getString(3),
                rs.getLong(4),
                rs.getObject(5, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC)))
        .list();
  }
}
