package com.architectreviewer.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.awaitility.Awaitility;

/** HTTP calls of the recovery tests, and the measurement of how long recovery took. */
final class RecoveryProbe implements AutoCloseable {

  static final Duration RECOVERY_LIMIT = Duration.ofSeconds(5);
  private static final Duration SHED_AT_ONCE = Duration.ofMillis(300);

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final int port;

  RecoveryProbe(int port) {
    this.port = port;
  }

  HttpResponse<String> get(String path) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .timeout(Duration.ofSeconds(30))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  int query() {
    return get("/test/db/sleep?ms=0").statusCode();
  }

  int readiness() {
    return get("/actuator/health/readiness").statusCode();
  }

  /** Requests until one succeeds; returns the time from now until then. */
  Duration timeToFirstSuccess() {
    long start = System.nanoTime();
    Awaitility.await("a DB-backed request succeeds")
        .atMost(RECOVERY_LIMIT)
        .pollInterval(Duration.ofMillis(50))
        .pollInSameThread()
        .until(() -> query() == 200);
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /**
   * After a restart of what was stopped: the first DB-backed request succeeds within {@link
   * #RECOVERY_LIMIT} (printed for the record, naming {@code what}), then readiness is UP again.
   */
  void assertRecoversAfter(String what) {
    Duration recovery = timeToFirstSuccess();
    System.out.printf("recovery after %s: %d ms%n", what, recovery.toMillis());
    assertThat(recovery).isLessThan(RECOVERY_LIMIT);
    Awaitility.await("readiness UP").atMost(RECOVERY_LIMIT).until(() -> readiness() == 200);
  }

  /** While the database is down: readiness DOWN (fast), DB-backed requests 503, never 500. */
  void assertDegraded() {
    Awaitility.await("readiness DOWN")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> readiness() == 503);
    long start = System.nanoTime();
    assertThat(readiness()).isEqualTo(503);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    var response = get("/test/db/sleep?ms=0");
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).isPresent();
    assertThat(response.body()).contains("database-unavailable");
    assertShedsAtOnce();
  }

  /**
   * Once a wait for a connection has shown the database unreachable (at most one pool timeout after
   * it went), DB-backed requests are refused at once rather than after the pool timeout: a
   * background probe is the one caller that waits.
   */
  private void assertShedsAtOnce() {
    long learning = System.nanoTime();
    Awaitility.await("the database breaker opens")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .pollInSameThread()
        .until(() -> !databaseBreakerClosed());
    long learnt = Duration.ofNanos(System.nanoTime() - learning).toMillis();
    int requests = 10;
    long slowest = 0;
    for (int i = 0; i < requests; i++) {
      long start = System.nanoTime();
      var response = get("/test/db/sleep?ms=0");
      slowest = Math.max(slowest, Duration.ofNanos(System.nanoTime() - start).toMillis());
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.headers().firstValue("Retry-After")).isPresent();
    }
    System.out.printf(
        "while the database is down: shedding after %d ms, then %d requests refused, slowest %d ms%n",
        learnt, requests, slowest);
    assertThat(slowest).isLessThan(SHED_AT_ONCE.toMillis());
  }

  /** {@code resilience4j_circuitbreaker_state{name="database",state="closed"}} on the scrape. */
  private boolean databaseBreakerClosed() {
    var scrape = get("/actuator/prometheus");
    assertThat(scrape.statusCode()).isEqualTo(200);
    return scrape
            .body()
            .lines()
            .filter(line ->
                line.startsWith("resilience4j_circuitbreaker_state{")
                    && line.contains("name=\"database\"")
                    && line.contains("state=\"closed\""))
            .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no state of the database breaker on the scrape"))
        == 1.0;
  }

  @Override
  public void close() {
    http.close();
  }
}
