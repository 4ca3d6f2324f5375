package com.architectreviewer.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.architectreviewer.security.ApiKeys;
import com.architectreviewer.security.Caller;
import com.architectreviewer.testsupport.PlatformTest;
import com.architectreviewer.testsupport.TestRedis;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Non-critical writes on a real PostgreSQL and Redis: the breaker opens when the table is locked
 * for real, user requests keep succeeding, and every buffered write is stored after recovery.
 */
@PlatformTest
@DirtiesContext
@TestPropertySource(
    properties = {
      "reviewer.db.pool-timeout=2s",
      "reviewer.analytics.open-for=1s",
      "reviewer.analytics.flush-interval=50ms",
      "reviewer.security.rate-limits.enabled=false"
    })
class NonCriticalWritesIT {

  /**
   * A Redis of its own: the buffer list is shared by every instance on one Redis, and other test
   * contexts kept alive in this JVM (each on its own database) would drain it into theirs.
   */
  private static final TestRedis REDIS = TestRedis.startNew();

  @DynamicPropertySource
  static void redis(DynamicPropertyRegistry registry) {
    registry.add("REDIS_URL", REDIS::url);
  }

  @AfterAll
  static void stopRedis() {
    REDIS.close();
  }

  @Autowired TestRestTemplate http;
  @Autowired ApiKeys apiKeys;
  @Autowired JdbcClient jdbc;
  @Autowired GuardedWriter writer;
  @Autowired WriteBuffer buffer;
  @Autowired NonCriticalWrites writes;
  @Autowired MeterRegistry meters;
  @Autowired javax.sql.DataSource dataSource;

  private final AtomicInteger requests = new AtomicInteger();

  @Test
  void theBreakerOpensOnALockedTableWhileRequestsSucceedAndEveryEventIsStoredAfterwards()
      throws Exception {
    UUID tenant = apiKeys.ensureTenant("degradation-" + UUID.randomUUID());
    String admin = apiKeys.createKey(tenant, Caller.Role.ADMIN);
    long before = count("product_events", tenant);

    int maxWaitingOnTheLock = 0;
    try (Connection lock = directConnection()) {
      lock.setAutoCommit(false);
      lock.createStatement().execute("LOCK TABLE product_events IN SHARE MODE");

      for (int i = 0; i < 40; i++) {
        assertThat(stats(admin).getStatusCode()).isEqualTo(HttpStatus.OK);
        maxWaitingOnTheLock = Math.max(maxWaitingOnTheLock, writesWaitingOnALock(lock));
      }
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> {
            assertThat(stats(admin).getStatusCode()).isEqualTo(HttpStatus.OK);
            return writer.state() == CircuitBreaker.State.OPEN;
          });
      for (int i = 0; i < 40; i++) {
        assertThat(stats(admin).getStatusCode()).isEqualTo(HttpStatus.OK);
        maxWaitingOnTheLock = Math.max(maxWaitingOnTheLock, writesWaitingOnALock(lock));
      }
      assertThat(count("product_events", tenant)).isEqualTo(before);
      assertThat(counter("buffered")).isPositive();
      lock.rollback();
    }

    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> count("product_events", tenant) == before + requests.get());
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      var writerThread =
          Thread.getAllStackTraces().entrySet().stream()
              .filter(t -> t.getKey().getName().equals("analytics-writer"))
              .map(t -> java.util.Arrays.toString(t.getValue()))
              .findFirst()
              .orElse("none");
      throw new AssertionError(
          "stored %d of %d; breaker %s, buffered %.0f, drained %.0f, dropped %.0f, buffer %d;"
                  .formatted(
                      count("product_events", tenant) - before,
                      requests.get(),
                      writer.state(),
                      counter("buffered"),
                      counter("drained"),
                      counter("dropped"),
                      buffer.size())
              + " writer thread: "
              + writerThread,
          e);
    }
    // Probing or closed again: the next writes go to the database.
    assertThat(writer.state()).isNotEqualTo(CircuitBreaker.State.OPEN);
    assertThat(maxWaitingOnTheLock).isLessThanOrEqualTo(2);
    assertThat(counter("dropped")).isZero();
    System.out.printf(
        "outage: %d requests, %d events stored, buffered %.0f, drained %.0f, dropped %.0f%n",
        requests.get(),
        count("product_events", tenant) - before,
        counter("buffered"),
        counter("drained"),
        counter("dropped"));
  }

  @Test
  void auditEntriesAreWrittenInBatches() {
    UUID tenant = UUID.randomUUID();
    for (int i = 0; i < 25; i++) {
      writes.audit(
          tenant, null, "PUT /api/v1/providers/{name}", "/api/v1/providers/p" + i, Map.of());
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> count("audit_entries", tenant) == 25);
  }

  @Test
  void statsAreForAdminKeysAndCountDistinctActiveUsersOfTheTenant() {
    UUID tenant = apiKeys.ensureTenant("active-" + UUID.randomUUID());
    String admin = apiKeys.createKey(tenant, Caller.Role.ADMIN);
    for (int i = 0; i < 3; i++) {
      String member = apiKeys.createKey(tenant, Caller.Role.MEMBER);
      for (int j = 0; j < 3; j++) {
        var response = get("/api/v1/jobs/" + UUID.randomUUID(), member);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
      }
      assertThat(get("/api/v1/stats", member).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }
    // Another tenant's users are not counted.
    UUID other = apiKeys.ensureTenant("other-" + UUID.randomUUID());
    get("/api/v1/jobs/" + UUID.randomUUID(), apiKeys.createKey(other, Caller.Role.MEMBER));
    stats(admin);

    var body = stats(admin).getBody();
    assertThat(body).contains("\"activeUsers\":4").contains("\"activeWindowSeconds\":300");
    assertThat(body).contains("\"pool\":{\"active\":");
    assertThat(http.getForObject("/actuator/prometheus", String.class))
        .contains("reviewer_active_users")
        .contains("resilience4j_circuitbreaker_state{name=\"analytics\"")
        .contains("reviewer_analytics_buffered_total");
  }

  private org.springframework.http.ResponseEntity<String> stats(String key) {
    return get("/api/v1/stats", key);
  }

  private org.springframework.http.ResponseEntity<String> get(String path, String key) {
    requests.incrementAndGet();
    var headers = new HttpHeaders();
    headers.setBearerAuth(key);
    return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
  }

  private long count(String table, UUID tenant) {
    return jdbc.sql("SELECT count(*) FROM " + table + " WHERE tenant_id = ?")
        .param(tenant)
        .query(Long.class)
        .single();
  }

  private double counter(String name) {
    return meters.counter("reviewer.analytics." + name).count();
  }

  private int writesWaitingOnALock(Connection lock) throws Exception {
    try (var rs =
        lock.createStatement()
            .executeQuery(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                    + " AND query LIKE '%product_events%'")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private Connection directConnection() throws Exception {
    // Test set-up only: a connection outside the pool to hold the lock, as another client would.
    try (Connection probe = dataSource.getConnection()) {
      String url = probe.getMetaData().getURL();
      return DriverManager.getConnection(url, "postgres", "");
    }
  }
}
