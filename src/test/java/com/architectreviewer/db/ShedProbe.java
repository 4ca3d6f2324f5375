package com.architectreviewer.db;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;

/** Timed calls of the DB-backed test endpoint, and the shedding counters, for the shedding ITs. */
final class ShedProbe {

  /** A refusal "at once" answers within this (a wait would take seconds). */
  static final Duration AT_ONCE = Duration.ofMillis(500);

  record Answer(int status, Duration took, String body, String retryAfter) {}

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final int port;
  private final MeterRegistry meters;
  private final ConnectionPool pool;

  ShedProbe(int port, MeterRegistry meters, ConnectionPool pool) {
    this.port = port;
    this.meters = meters;
    this.pool = pool;
  }

  /** {@code GET /test/db/sleep?ms=...}: one query holding its connection that long. */
  CompletableFuture<Answer> sleep(int millis) {
    long start = System.nanoTime();
    return http.sendAsync(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/test/db/sleep?ms=" + millis))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .thenApply(response ->
            new Answer(
                response.statusCode(),
                Duration.ofNanos(System.nanoTime() - start),
                response.body(),
                response.headers().firstValue("Retry-After").orElse(null)));
  }

  /** Waits until the pool's one connection is held (by a {@link #sleep} call). */
  void awaitConnectionInUse() {
    Awaitility.await("the one connection is in use")
        .atMost(Duration.ofSeconds(5))
        .until(() -> pool.state().getActiveConnections() == 1);
  }

  /** {@code reviewer_db_shed_total{reason}} so far. */
  double shed(String reason) {
    var counter = meters.find(SheddingDataSource.SHED_METRIC).tag("reason", reason).counter();
    return counter == null ? 0 : counter.count();
  }
}
