package com.architectreviewer.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.architectreviewer.ReviewerApplication;
import com.architectreviewer.security.ApiKeys;
import com.architectreviewer.security.Caller;
import com.architectreviewer.testsupport.TestDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * Jobs run by real {@code reviewer worker} processes: this JVM is an API instance without workers
 * ({@code serve --no-workers}); two worker JVMs share its database.
 */
@SpringBootTest(
    classes = ReviewerApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"db-scheduler.enabled=false", "reviewer.jobs.workers-enabled=false"})
@ContextConfiguration(initializers = WorkerProcessIT.SharedDatabase.class)
class WorkerProcessIT {

  static final String DATABASE_URL = TestDatabase.freshDatabase();
  static final Duration WORKER_START = Duration.ofSeconds(120);

  /** Points this API instance at the database the worker processes use. */
  static class SharedDatabase
      implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
      context
          .getEnvironment()
          .getPropertySources()
          .addFirst(new MapPropertySource("sharedDatabase", Map.of("DATABASE_URL", DATABASE_URL)));
    }
  }

  static WorkerProcess workerA;
  static WorkerProcess workerB;

  @Autowired Jobs jobs;
  @Autowired ApiKeys apiKeys;
  @Autowired JdbcClient jdbc;
  @LocalServerPort int port;

  @BeforeAll
  static void startWorkers() throws Exception {
    workerA = WorkerProcess.start("worker-a", DATABASE_URL);
    workerB = WorkerProcess.start("worker-b", DATABASE_URL);
    await()
        .atMost(WORKER_START)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> workerA.isReady() && workerB.isReady());
  }

  @AfterAll
  static void stopWorkers() throws Exception {
    if (workerA != null) {
      workerA.close();
    }
    if (workerB != null) {
      workerB.close();
    }
  }

  @BeforeEach
  void resultsTable() {
    jdbc.sql(WorkerTestJobs.RESULTS_TABLE).update();
  }

  @Test
  void killedWorkersJobIsCompletedByTheOtherWorkerWithExactlyOneResult() throws Exception {
    UUID tenant = apiKeys.ensureTenant("proc-" + UUID.randomUUID());
    var job = jobs.enqueue(NewJob.of(tenant, WorkerTestJobs.KIND, "slow:crash:4000"));

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> jobs.find(tenant, job.jobId()).orElseThrow().state() == JobState.RUNNING);
    String owner =
        jdbc.sql("SELECT picked_by FROM scheduled_tasks WHERE task_instance = :id")
            .param("id", job.jobId().toString())
            .query(String.class)
            .single();
    var victim = owner.equals(workerA.name) ? workerA : workerB;
    var survivor = victim == workerA ? workerB : workerA;
    Instant killedAt = Instant.now();
    victim.kill();

    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> jobs.find(tenant, job.jobId()).orElseThrow().state() == JobState.SUCCEEDED);
    assertThat(survivor.isAlive()).isTrue();
    assertThat(jobs.find(tenant, job.jobId()).orElseThrow().attempts()).isEqualTo(2);
    var results =
        jdbc.sql("SELECT worker FROM test_results WHERE job_id = :id")
            .param("id", job.jobId())
            .query(String.class)
            .list();
    assertThat(results).containsExactly(survivor.name);

    OffsetDateTime restarted =
        jdbc.sql(
                "SELECT created_at FROM job_events WHERE job_id = :id AND state = 'running'"
                    + " AND attempts = 2 ORDER BY id LIMIT 1")
            .param("id", job.jobId())
            .query(OffsetDateTime.class)
            .single();
    Duration recovery = Duration.between(killedAt, restarted.toInstant());
    System.out.printf(
        "Recovery after kill -9: attempt 2 started %d ms after the kill%n", recovery.toMillis());
    assertThat(recovery).isLessThan(Duration.ofSeconds(15));
  }

  @Test
  void eventsOfAJobRunInAnotherProcessStreamAndResumeWithLastEventId() throws Exception {
    UUID tenant = apiKeys.ensureTenant("sse-" + UUID.randomUUID());
    String key = apiKeys.createKey(tenant, Caller.Role.MEMBER);
    var job = jobs.enqueue(NewJob.of(tenant, WorkerTestJobs.KIND, "slow:sse:3000"));
    var client = HttpClient.newHttpClient();
    URI events = URI.create("http://127.0.0.1:" + port + "/api/v1/jobs/" + job.jobId() + "/events");

    List<SseParser.Event> first = new ArrayList<>();
    var response =
        client.send(
            HttpRequest.newBuilder(events).header("Authorization", "Bearer " + key).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/event-stream");
    try (var reader =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      var block = new StringBuilder();
      String line;
      while (first.size() < 3 && (line = reader.readLine()) != null) {
        block.append(line).append('\n');
        if (line.isEmpty()) {
          first.addAll(SseParser.parse(block.toString()));
          block.setLength(0);
        }
      }
    }
    assertThat(first).hasSizeGreaterThanOrEqualTo(3);
    String lastSeen = first.getLast().id();

    var rest =
        client.send(
            HttpRequest.newBuilder(events)
                .header("Authorization", "Bearer " + key)
                .header("Last-Event-ID", lastSeen)
                .timeout(Duration.ofSeconds(60))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    var resumed = SseParser.parse(rest.body());
    assertThat(resumed).isNotEmpty();
    assertThat(resumed.getLast().name()).isEqualTo("succeeded");
    assertThat(resumed.getLast().data()).contains("\"resultUrl\":\"/results/sse\"");
    List<Long> ids = new ArrayList<>();
    first.forEach(e -> ids.add(Long.parseLong(e.id())));
    resumed.forEach(e -> ids.add(Long.parseLong(e.id())));
    assertThat(ids).isSorted().doesNotHaveDuplicates();
    assertThat(resumed).extracting(SseParser.Event::name).contains("progress");
  }
}
