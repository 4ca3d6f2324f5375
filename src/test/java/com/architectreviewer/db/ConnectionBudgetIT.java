package com.architectreviewer.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.architectreviewer.ReviewerApplication;
import com.architectreviewer.testsupport.DatabaseProbe;
import com.architectreviewer.testsupport.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The seed's P1017 lesson under load: 200 concurrent HTTP requests to a DB-backed endpoint with a
 * pool of 5 never hold more than 5 server connections, and none is answered with a 500.
 */
@SpringBootTest(
    classes = ReviewerApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles(DatabaseProbe.PROFILE)
@DirtiesContext
class ConnectionBudgetIT {

  private static final String APPLICATION_NAME = "budget-it-" + ProcessHandle.current().pid();
  private static final int POOL_SIZE = 5;
  private static final int REQUESTS = 200;
  private static final String DATABASE = TestDatabase.freshDatabase();

  @LocalServerPort int port;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add(
        "DATABASE_URL",
        () ->
            DATABASE
                + "&connection_limit="
                + POOL_SIZE
                + "&pool_timeout=30&application_name="
                + APPLICATION_NAME);
  }

  @Test
  void twoHundredConcurrentRequestsStayWithinThePool() throws Exception {
    var sampling = new AtomicBoolean(true);
    var maxSeen = new AtomicInteger();
    var samples = new AtomicInteger();
    var sampler = CompletableFuture.runAsync(() -> sample(sampling, maxSeen, samples));
    var statuses = new TreeMap<Integer, Integer>();
    long start = System.nanoTime();
    try (var clients = Executors.newFixedThreadPool(REQUESTS);
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      var ready = new CountDownLatch(REQUESTS);
      var calls = new ArrayList<Callable<Integer>>();
      for (int i = 0; i < REQUESTS; i++) {
        calls.add(() -> {
          ready.countDown();
          ready.await();
          return http.send(get("/test/db/sleep?ms=50"), HttpResponse.BodyHandlers.discarding())
              .statusCode();
        });
      }
      for (var status : clients.invokeAll(calls, 2, TimeUnit.MINUTES)) {
        statuses.merge(status.get(), 1, Integer::sum);
      }
    } finally {
      sampling.set(false);
      sampler.get(10, TimeUnit.SECONDS);
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.printf(
        "connection budget: %d requests in %d ms, statuses %s, max %d server connections of"
            + " application_name %s over %d samples (pool max %d)%n",
        REQUESTS, millis, statuses, maxSeen.get(), APPLICATION_NAME, samples.get(), POOL_SIZE);
    assertThat(statuses).doesNotContainKey(500);
    assertThat(statuses).containsOnlyKeys(200);
    assertThat(maxSeen.get()).isPositive().isLessThanOrEqualTo(POOL_SIZE);
    assertThat(samples.get()).isGreaterThan(10);
  }

  @Test
  void prometheusShowsPoolQueryAndRouteHistograms() throws Exception {
    try (var http = HttpClient.newHttpClient()) {
      http.send(get("/test/db/sleep?ms=1"), HttpResponse.BodyHandlers.ofString());
      String metrics =
          http.send(get("/actuator/prometheus"), HttpResponse.BodyHandlers.ofString()).body();
      assertThat(metrics)
          .contains("hikaricp_connections_active{pool=\"reviewer\"")
          .contains("hikaricp_connections_idle{pool=\"reviewer\"")
          .contains("hikaricp_connections_pending{pool=\"reviewer\"")
          .contains("hikaricp_connections_max{pool=\"reviewer\"")
          .contains("hikaricp_connections_timeout_total{pool=\"reviewer\"")
          .contains("hikaricp_connections_acquire_seconds_bucket{")
          .contains("jdbc_query_seconds_bucket{")
          .containsPattern("http_server_requests_seconds_bucket\\{[^}]*uri=\"/test/db/sleep\"");
    }
  }

  /** Counts this application's server connections every few milliseconds while the load runs. */
  private static void sample(AtomicBoolean sampling, AtomicInteger maxSeen, AtomicInteger samples) {
    String server = TestDatabase.serverUrl();
    try (var connection = DriverManager.getConnection(server);
        var statement =
            connection.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = ?")) {
      statement.setString(1, APPLICATION_NAME);
      while (sampling.get()) {
        try (var rows = statement.executeQuery()) {
          rows.next();
          maxSeen.accumulateAndGet(rows.getInt(1), Math::max);
          samples.incrementAndGet();
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(60))
        .build();
  }
}
