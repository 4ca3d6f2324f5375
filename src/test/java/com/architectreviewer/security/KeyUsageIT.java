package com.architectreviewer.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.architectreviewer.testsupport.ApiClient;
import com.architectreviewer.testsupport.ApiPlatformTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@ApiPlatformTest
class KeyUsageIT {

  @LocalServerPort int port;
  @Autowired ApiKeys keys;
  @Autowired JdbcClient jdbc;
  @Autowired MeterRegistry meters;
  @Autowired DataSource dataSource;

  @Test
  void lastUsedAtIsWrittenShortlyAfterUseAndOffTheRequest() {
    String key =
        keys.createKey(keys.ensureTenant("usage-" + UUID.randomUUID()), Caller.Role.MEMBER);
    String prefix = key.substring(4, 12);
    assertThat(lastUsed(prefix)).isNull();

    assertThat(new ApiClient(port, key).get("/api/v1/repositories").statusCode()).isEqualTo(200);

    await().atMost(Duration.ofSeconds(10)).until(() -> lastUsed(prefix) != null);
    assertThat(lastUsed(prefix)).isAfter(OffsetDateTime.now().minusMinutes(1));
  }

  /**
   * {@code last_used_at} is a non-critical write: with {@code api_keys} locked for real, requests
   * keep succeeding, the write waits in the buffer, and it lands (with the time of use, not of the
   * write) once the lock is gone.
   */
  @Test
  void aLockedKeyTableNeverFailsARequestAndTheUseIsWrittenAfterwards() throws Exception {
    String key =
        keys.createKey(keys.ensureTenant("usage-lock-" + UUID.randomUUID()), Caller.Role.MEMBER);
    String prefix = key.substring(4, 12);
    var client = new ApiClient(port, key);
    double bufferedBefore = buffered();
    OffsetDateTime usedBy;
    // Warm: the first request of a fresh context is slow for reasons of its own.
    assertThat(client.get("/api/v1/repositories").statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> lastUsed(prefix) != null);
    jdbc.sql("UPDATE api_keys SET last_used_at = NULL WHERE prefix = :prefix")
        .param("prefix", prefix)
        .update();

    try (Connection lock = directConnection()) {
      lock.setAutoCommit(false);
      // Readers (authentication) pass; UPDATEs wait.
      lock.createStatement().execute("LOCK TABLE api_keys IN SHARE MODE");
      for (int i = 0; i < 20; i++) {
        long start = System.nanoTime();
        assertThat(client.get("/api/v1/repositories").statusCode()).isEqualTo(200);
        // Well under the write's 5 s lock timeout: the request never waits for the lock.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> buffered() > bufferedBefore);
      assertThat(client.get("/api/v1/repositories").statusCode()).isEqualTo(200);
      usedBy = OffsetDateTime.now();
      assertThat(lastUsedInOwnTransaction(lock, prefix)).isNull();
      lock.rollback();
    }

    await().atMost(Duration.ofSeconds(30)).until(() -> lastUsed(prefix) != null);
    assertThat(lastUsed(prefix))
        .isAfter(OffsetDateTime.now().minusMinutes(2))
        .as("the time of the use, not of the late write")
        .isBeforeOrEqualTo(usedBy);
  }

  private double buffered() {
    return meters.counter("reviewer.analytics.buffered").count();
  }

  private OffsetDateTime lastUsed(String prefix) {
    return jdbc.sql("SELECT last_used_at FROM api_keys WHERE prefix = :prefix")
        .param("prefix", prefix)
        .query(OffsetDateTime.class)
        .optional()
        .orElse(null);
  }

  private static Object lastUsedInOwnTransaction(Connection connection, String prefix)
      throws Exception {
    try (var statement =
        connection.prepareStatement("SELECT last_used_at FROM api_keys WHERE prefix = ?")) {
      statement.setString(1, prefix);
      try (var rows = statement.executeQuery()) {
        rows.next();
        return rows.getObject(1);
      }
    }
  }

  private Connection directConnection() throws Exception {
    // Test set-up only: a connection outside the pool to hold the lock, as another client would.
    try (Connection probe = dataSource.getConnection()) {
      return DriverManager.getConnection(probe.getMetaData().getURL(), "postgres", "");
    }
  }
}
