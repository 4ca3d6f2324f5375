package com.architectreviewer.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.architectreviewer.ReviewerApplication;
import com.architectreviewer.security.ApiKeys;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * PostgreSQL stops while jobs run and starts again: the scheduler, the workers and the wake-up
 * listener survive without a restart and every job completes, each with exactly one result. The
 * server is a dedicated embedded PostgreSQL (same port and data directory across the restart), so
 * no other test sees the outage.
 */
@SpringBootTest(
    classes = ReviewerApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {"reviewer.jobs.retry-base-delay=200ms", "reviewer.jobs.retry-max-delay=1s"})
@Import(WorkerTestJobs.class)
@ContextConfiguration(initializers = DatabaseOutageIT.DedicatedDatabase.class)
class DatabaseOutageIT {

  static final Path DATA;
  static final int PORT;
  static EmbeddedPostgres postgres;

  static {
    try {
      DATA = Files.createTempDirectory("reviewer-outage-pg-");
      try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        PORT = socket.getLocalPort();
      }
      postgres = start();
    } catch (IOException e) {
      throw new IllegalStateException("The dedicated PostgreSQL did not start", e);
    }
  }

  static EmbeddedPostgres start() throws IOException {
    return EmbeddedPostgres.builder()
        .setPort(PORT)
        .setDataDirectory(DATA)
        .setCleanDataDirectory(false)
        .start();
  }

  static class DedicatedDatabase
      implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
      String url = "jdbc:postgresql://127.0.0.1:" + PORT + "/postgres?user=postgres";
      context
          .getEnvironment()
          .getPropertySources()
          .addFirst(new MapPropertySource("outageDatabase", Map.of("DATABASE_URL", url)));
    }
  }

  @AfterAll
  static void stop() throws IOException {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Autowired Jobs jobs;
  @Autowired ApiKeys apiKeys;
  @Autowired JdbcClient jdbc;

  @Test
  void jobsRunningWhilePostgresStopsAndStartsCompleteAfterwardsWithOneResultEach()
      throws Exception {
    jdbc.sql(WorkerTestJobs.RESULTS_TABLE).update();
    UUID tenant = apiKeys.ensureTenant("outage-" + UUID.randomUUID());
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ids.add(
          jobs.enqueue(NewJob.of(tenant, WorkerTestJobs.KIND, "slow:outage" + i + ":2500"))
              .jobId());
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() ->
            ids.stream()
                .allMatch(id -> jobs.find(tenant, id).orElseThrow().state() == JobState.RUNNING));
    int recordingBefore = WorkerTestJobs.RECORDING.get();

    postgres.close();
    Instant stopped = Instant.now();
    // The jobs finish their work while the database is away and cannot record it.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> WorkerTestJobs.RECORDING.get() >= recordingBefore + ids.size());
    postgres = start();
    Instant restarted = Instant.now();
    System.out.printf(
        "PostgreSQL was down for %d ms%n", Duration.between(stopped, restarted).toMillis());

    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(() ->
            ids.stream()
                .allMatch(id -> jobs.find(tenant, id).orElseThrow().state() == JobState.SUCCEEDED));
    System.out.printf(
        "All jobs succeeded %d ms after PostgreSQL came back%n",
        Duration.between(restarted, Instant.now()).toMillis());
    for (UUID id : ids) {
      assertThat(
              jdbc.sql("SELECT count(*) FROM test_results WHERE job_id = :id")
                  .param("id", id)
                  .query(Long.class)
                  .single())
          .as("results of job %s", id)
          .isEqualTo(1);
    }

    // The scheduler still takes new work, without a restart.
    var after = jobs.enqueue(NewJob.of(tenant, WorkerTestJobs.KIND, "slow:after:100"));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> jobs.find(tenant, after.jobId()).orElseThrow().state() == JobState.SUCCEEDED);
  }
}
