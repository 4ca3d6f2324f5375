package com.architectreviewer.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.architectreviewer.security.ApiKeys;
import com.architectreviewer.testsupport.PlatformTest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The worker's SQL on a real PostgreSQL, without workers: the one-statement claim (states, tenant
 * limit, cancellation before the start) and the batched final write (attempt and execution-version
 * fences, a success after a cancellation request).
 */
@PlatformTest
@TestPropertySource(
    properties = {"db-scheduler.enabled=false", "reviewer.jobs.workers-enabled=false"})
class ExecutionRepositoryIT {

  @Autowired Jobs jobs;
  @Autowired ExecutionRepository executions;
  @Autowired ApiKeys apiKeys;
  @Autowired JdbcClient jdbc;

  UUID tenant;

  @BeforeEach
  void tenant() {
    tenant = apiKeys.ensureTenant("exec-" + UUID.randomUUID());
  }

  @Test
  void claimStartsAJobUntilTheTenantIsAtItsLimit() {
    UUID first = enqueue();
    UUID second = enqueue();

    var started = executions.claim(first, 1, Instant.now());
    assertThat(started).isInstanceOf(ExecutionRepository.Claim.Started.class);
    var claim = (ExecutionRepository.Claim.Started) started;
    assertThat(claim.attempt()).isEqualTo(1);
    assertThat(claim.tenantId()).isEqualTo(tenant);
    assertThat(claim.kind()).isEqualTo("test");
    assertThat(claim.payload()).isEqualTo("ok:x");
    assertThat(jobs.find(tenant, first).orElseThrow().state()).isEqualTo(JobState.RUNNING);

    assertThat(executions.claim(second, 1, Instant.now()))
        .isInstanceOf(ExecutionRepository.Claim.Deferred.class);
    var waiting = jobs.find(tenant, second).orElseThrow();
    assertThat(waiting.state()).isEqualTo(JobState.QUEUED);
    assertThat(waiting.attempts()).isZero();
    // A second slot lets it start.
    assertThat(executions.claim(second, 2, Instant.now()))
        .isInstanceOf(ExecutionRepository.Claim.Started.class);
  }

  @Test
  void aBatchOfClaimsCountsTheJobsItStartsAgainstEachTenantsLimit() {
    UUID other = apiKeys.ensureTenant("exec-" + UUID.randomUUID());
    UUID a1 = enqueue();
    UUID a2 = enqueue();
    UUID a3 = enqueue();
    UUID b1 = jobs.enqueue(NewJob.of(other, "test", "ok:y")).jobId();
    UUID missing = UUID.randomUUID();

    var claims = executions.claimAll(List.of(a1, b1, a2, missing, a3), 2, Instant.now());

    assertThat(claims.get(1)).isInstanceOf(ExecutionRepository.Claim.Started.class);
    assertThat(((ExecutionRepository.Claim.Started) claims.get(1)).tenantId()).isEqualTo(other);
    assertThat(claims.get(3)).isEqualTo(new ExecutionRepository.Claim.Gone("the job was deleted"));
    var ofTenant = List.of(claims.get(0), claims.get(2), claims.get(4));
    assertThat(ofTenant)
        .filteredOn(claim -> claim instanceof ExecutionRepository.Claim.Started)
        .hasSize(2);
    assertThat(ofTenant)
        .filteredOn(claim -> claim instanceof ExecutionRepository.Claim.Deferred)
        .hasSize(1);
    assertThat(
            jdbc.sql("SELECT count(*) FROM jobs WHERE tenant_id = :t AND state = 'running'")
                .param("t", tenant)
                .query(Long.class)
                .single())
        .isEqualTo(2);
  }

  @Test
  void claimOfAFinishedDeletedOrCancelledJobIsGone() {
    assertThat(executions.claim(UUID.randomUUID(), 4, Instant.now()))
        .isInstanceOf(ExecutionRepository.Claim.Gone.class);

    UUID cancelled = enqueue();
    jobs.cancel(tenant, cancelled);
    assertThat(executions.claim(cancelled, 4, Instant.now()))
        .isEqualTo(new ExecutionRepository.Claim.Gone("the job is already cancelled"));

    UUID asked = enqueue();
    jdbc.sql("UPDATE jobs SET cancel_requested = true WHERE id = :id").param("id", asked).update();
    assertThat(executions.claim(asked, 4, Instant.now()))
        .isEqualTo(new ExecutionRepository.Claim.Gone("the job was cancelled before it started"));
    assertThat(jobs.find(tenant, asked).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
    assertThat(lastEventState(asked)).isEqualTo("cancelled");
  }

  @Test
  void finishRecordsOutcomesAndRemovesExecutionsInOneStatement() {
    UUID ok = enqueue();
    UUID failed = enqueue();
    long okVersion = pick(ok);
    long failedVersion = pick(failed);
    executions.claim(ok, 4, Instant.now());
    executions.claim(failed, 4, Instant.now());

    var recorded =
        executions.finishAll(
            List.of(
                new ExecutionRepository.Finish(
                    ok, 1, JobState.SUCCEEDED, "done", null, "/results/ok", okVersion),
                new ExecutionRepository.Finish(
                    failed, 1, JobState.FAILED, "failed", "It broke.", null, failedVersion)),
            Instant.now());

    assertThat(recorded)
        .containsExactly(Optional.of(JobState.SUCCEEDED), Optional.of(JobState.FAILED));
    var done = jobs.find(tenant, ok).orElseThrow();
    assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(done.progress()).isEqualTo(100);
    assertThat(done.resultRef()).isEqualTo("/results/ok");
    assertThat(jobs.find(tenant, failed).orElseThrow().error()).isEqualTo("It broke.");
    assertThat(executionExists(ok)).isFalse();
    assertThat(executionExists(failed)).isFalse();
    // A short job leaves two events: queued and its final state.
    assertThat(eventStates(ok)).containsExactly("queued", "succeeded");
  }

  @Test
  void aSupersededAttemptOrExecutionChangesNothing() {
    UUID job = enqueue();
    long version = pick(job);
    executions.claim(job, 4, Instant.now());
    // The worker was declared dead: db-scheduler revived the execution (new version) and another
    // worker started attempt 2.
    long revived = pick(job);
    executions.claim(job, 4, Instant.now());

    var late =
        executions.finishAll(
            List.of(
                new ExecutionRepository.Finish(
                    job, 1, JobState.SUCCEEDED, "done", null, "/results/old", version)),
            Instant.now());

    assertThat(late).containsExactly(Optional.empty());
    var current = jobs.find(tenant, job).orElseThrow();
    assertThat(current.state()).isEqualTo(JobState.RUNNING);
    assertThat(current.attempts()).isEqualTo(2);
    assertThat(executionExists(job)).isTrue();

    var latest =
        executions.finishAll(
            List.of(
                new ExecutionRepository.Finish(
                    job, 2, JobState.SUCCEEDED, "done", null, "/results/new", revived)),
            Instant.now());
    assertThat(latest).containsExactly(Optional.of(JobState.SUCCEEDED));
    assertThat(jobs.find(tenant, job).orElseThrow().resultRef()).isEqualTo("/results/new");
    assertThat(executionExists(job)).isFalse();
  }

  @Test
  void aSuccessAfterTheCancellationRequestIsRecordedAsCancelled() {
    UUID job = enqueue();
    long version = pick(job);
    executions.claim(job, 4, Instant.now());
    jobs.cancel(tenant, job);

    var recorded =
        executions.finishAll(
            List.of(
                new ExecutionRepository.Finish(
                    job, 1, JobState.SUCCEEDED, "done", null, "/results/x", version)),
            Instant.now());

    assertThat(recorded).containsExactly(Optional.of(JobState.CANCELLED));
    var cancelled = jobs.find(tenant, job).orElseThrow();
    assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
    assertThat(cancelled.resultRef()).isNull();
    assertThat(lastEventState(job)).isEqualTo("cancelled");
    assertThat(executionExists(job)).isFalse();
  }

  private UUID enqueue() {
    return jobs.enqueue(NewJob.of(tenant, "test", "ok:x")).jobId();
  }

  /** What db-scheduler's pick does to the execution row; its new version. */
  private long pick(UUID job) {
    return jdbc.sql(
            "UPDATE scheduled_tasks SET picked = true, picked_by = 'test', version = version + 1"
                + " WHERE task_name = 'job' AND task_instance = :id RETURNING version")
        .param("id", job.toString())
        .query(Long.class)
        .single();
  }

  private boolean executionExists(UUID job) {
    return jdbc.sql("SELECT count(*) FROM scheduled_tasks WHERE task_instance = :id")
            .param("id", job.toString())
            .query(Long.class)
            .single()
        == 1;
  }

  private List<String> eventStates(UUID job) {
    return jdbc.sql("SELECT state FROM job_events WHERE job_id = :id ORDER BY id")
        .param("id", job)
        .query(String.class)
        .list();
  }

  private String lastEventState(UUID job) {
    return eventStates(job).getLast();
  }
}
