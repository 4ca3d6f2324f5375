package com.architectreviewer.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.architectreviewer.security.ApiKeys;
import com.architectreviewer.security.Caller;
import com.architectreviewer.testsupport.TestDatabase;
import com.architectreviewer.testsupport.TestInstances;
import com.architectreviewer.testsupport.TestRedis;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two application instances on one PostgreSQL and one Redis, as behind a load balancer: instance A
 * runs the jobs, instance B (no workers) serves their event streams. Progress reaches B's streams
 * through the KV layer's relay, far sooner than B's database polling would; with Redis stopped the
 * stream still ends with the final state, read from the database.
 */
class LiveProgressAcrossInstancesIT {

  private static final String KIND = "live-probe";

  private static TestRedis redis;
  private static ConfigurableApplicationContext worker;
  private static ConfigurableApplicationContext api;
  private static final ProbeHandler probe = new ProbeHandler();

  @BeforeAll
  static void start() {
    redis = TestRedis.startNew();
    String database = TestDatabase.freshDatabase();
    worker =
        TestInstances.start(
            Map.of("DATABASE_URL", database, "REDIS_URL", redis.url()),
            beans -> beans.registerBean("liveProbeHandler", JobHandler.class, () -> probe));
    api =
        TestInstances.start(
            Map.of(
                "DATABASE_URL",
                database,
                "REDIS_URL",
                redis.url(),
                "db-scheduler.enabled",
                "false",
                "reviewer.jobs.workers-enabled",
                "false"),
            beans -> {});
  }

  @AfterAll
  static void stop() {
    api.close();
    worker.close();
    redis.close();
  }

  /**
   * {@code steps:MILLIS}: reports progress 1..steps, one step every MILLIS, noting when each was
   * reported; {@code gate:TAG}: waits until the test opens its gate, then succeeds.
   */
  static final class ProbeHandler implements JobHandler {
    final Map<Integer, Long> reportedAt = new ConcurrentHashMap<>();
    final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();

    @Override
    public String kind() {
      return KIND;
    }

    @Override
    public String run(JobContext context) throws InterruptedException {
      String[] parts = context.payload().split(":");
      if (parts[0].equals("gate")) {
        var gate = gates.computeIfAbsent(parts[1], t -> new CountDownLatch(1));
        context.progress(10, "waiting at the gate");
        if (!gate.await(60, TimeUnit.SECONDS)) {
          throw new IllegalStateException("gate never opened");
        }
        return "/results/" + parts[1];
      }
      int steps = Integer.parseInt(parts[0]);
      long pause = Long.parseLong(parts[1]);
      for (int step = 1; step <= steps; step++) {
        reportedAt.put(step, System.nanoTime());
        context.progress(step, "working");
        TimeUnit.MILLISECONDS.sleep(pause);
      }
      return "/results/steps";
    }
  }

  @Test
  void progressOfAJobRunningOnOneInstanceStreamsLiveFromTheOther() throws Exception {
    String key = newKey();
    var job = api.getBean(Jobs.class).enqueue(NewJob.of(tenantOf(key), KIND, "60:50"));

    List<Long> latencies = new ArrayList<>();
    List<SseParser.Event> events = new ArrayList<>();
    readStream(
        job.jobId(),
        key,
        event -> {
          long receivedAt = System.nanoTime();
          events.add(event);
          if (event.name().equals("progress") && event.id() == null) {
            int step = progressOf(event);
            Long reportedAt = probe.reportedAt.get(step);
            if (reportedAt != null) {
              latencies.add(TimeUnit.NANOSECONDS.toMillis(receivedAt - reportedAt));
            }
          }
        });

    assertThat(events.getLast().name()).isEqualTo("succeeded");
    assertThat(events.getLast().id()).isNotNull();
    assertThat(events.getLast().data()).contains("\"resultUrl\":\"/results/steps\"");
    // The database has at most one progress row per 500 ms (about 6 in 3 s); the relay
    // publishes up to ten a second, each delivered without an id.
    assertThat(latencies).hasSizeGreaterThanOrEqualTo(10);
    List<Long> sorted = latencies.stream().sorted().toList();
    long median = sorted.get(sorted.size() / 2);
    System.out.printf(
        "Live progress across instances: %d events, latency median %d ms, max %d ms"
            + " (database polling interval %d ms)%n",
        sorted.size(), median, sorted.getLast(), JobEventStreams.POLL_INTERVAL.toMillis());
    assertThat(median).isLessThan(JobEventStreams.POLL_INTERVAL.toMillis() / 2);
  }

  @Test
  void withRedisStoppedTheStreamStillEndsWithTheFinalStateFromTheDatabase() throws Exception {
    String key = newKey();
    String tag = "outage-" + UUID.randomUUID();
    var gate = probe.gates.computeIfAbsent(tag, t -> new CountDownLatch(1));
    var job = api.getBean(Jobs.class).enqueue(NewJob.of(tenantOf(key), KIND, "gate:" + tag));

    List<SseParser.Event> events = new ArrayList<>();
    try {
      readStream(
          job.jobId(),
          key,
          event -> {
            events.add(event);
            if (event.data().contains("\"state\":\"running\"") && redis.isRunning()) {
              // The job is running: take Redis away, then let the job finish.
              redis.stop();
              gate.countDown();
            }
          });
    } finally {
      gate.countDown();
      if (!redis.isRunning()) {
        redis.start();
      }
    }

    assertThat(events).anyMatch(event -> event.data().contains("\"state\":\"running\""));
    assertThat(events.getLast().name()).isEqualTo("succeeded");
    assertThat(events.getLast().id()).isNotNull();
    assertThat(events.getLast().data()).contains("\"resultUrl\":\"/results/" + tag + "\"");
  }

  private void readStream(
      UUID jobId, String key, java.util.function.Consumer<SseParser.Event> onEvent)
      throws Exception {
    var client = HttpClient.newHttpClient();
    var request =
        HttpRequest.newBuilder(
                URI.create(
                    "http://127.0.0.1:"
                        + TestInstances.port(api)
                        + "/api/v1/jobs/"
                        + jobId
                        + "/events"))
            .header("Authorization", "Bearer " + key)
            .timeout(Duration.ofSeconds(90))
            .build();
    var response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    try (var reader =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      var block = new StringBuilder();
      String line;
      while ((line = reader.readLine()) != null) {
        block.append(line).append('\n');
        if (line.isEmpty()) {
          SseParser.parse(block.toString()).forEach(onEvent);
          block.setLength(0);
        }
      }
    }
  }

  private static int progressOf(SseParser.Event event) {
    var matcher = java.util.regex.Pattern.compile("\"progress\":(\\d+)").matcher(event.data());
    return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
  }

  private static final Map<String, UUID> tenants = new ConcurrentHashMap<>();

  private static String newKey() {
    var keys = api.getBean(ApiKeys.class);
    UUID tenant = keys.ensureTenant("live-" + UUID.randomUUID());
    String key = keys.createKey(tenant, Caller.Role.MEMBER);
    tenants.put(key, tenant);
    return key;
  }

  private static UUID tenantOf(String key) {
    return tenants.get(key);
  }
}
