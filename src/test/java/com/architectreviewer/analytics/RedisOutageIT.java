package com.architectreviewer.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.architectreviewer.security.ApiKeys;
import com.architectreviewer.security.Caller;
import com.architectreviewer.testsupport.PlatformTest;
import com.architectreviewer.testsupport.TestRedis;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Redis stopped and started under traffic: no request fails or hangs, the KV layer reports the
 * outage and recovers by itself, and every product event of the traffic is stored.
 */
@PlatformTest
@DirtiesContext
@TestPropertySource(
    properties = {
      "reviewer.analytics.flush-interval=50ms",
      "reviewer.security.rate-limits.general.quota=1000000",
      "reviewer.security.rate-limits.general.window=1m"
    })
class RedisOutageIT {

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
  @Autowired MeterRegistry meters;

  @Test
  void requestsNeverFailWhileRedisIsStoppedAndStartedAndTheEventsAllArrive() throws Exception {
    UUID tenant = apiKeys.ensureTenant("redis-outage-" + UUID.randomUUID());
    String admin = apiKeys.createKey(tenant, Caller.Role.ADMIN);
    String member = apiKeys.createKey(tenant, Caller.Role.MEMBER);
    var statuses = new ConcurrentHashMap<Integer, AtomicInteger>();
    var sent = new AtomicInteger();
    var running = new AtomicBoolean(true);
    Thread traffic =
        Thread.ofPlatform()
            .start(() -> {
              while (running.get()) {
                int i = sent.incrementAndGet();
                var response =
                    i % 2 == 0
                        ? get("/api/v1/stats", admin)
                        : get("/api/v1/jobs/" + UUID.randomUUID(), member);
                statuses
                    .computeIfAbsent(response.getStatusCode().value(), s -> new AtomicInteger())
                    .incrementAndGet();
              }
            });
    try {
      awaitMoreRequests(sent, 50);
      assertThat(redisUp()).isEqualTo(1.0);

      REDIS.stop();
      await().atMost(Duration.ofSeconds(15)).until(() -> redisUp() == 0.0);
      awaitMoreRequests(sent, 100);

      REDIS.start();
      await().atMost(Duration.ofSeconds(15)).until(() -> redisUp() == 1.0);
      awaitMoreRequests(sent, 100);
    } finally {
      running.set(false);
      traffic.join(Duration.ofSeconds(10));
    }

    assertThat(statuses.keySet()).as("statuses %s", statuses).containsOnly(200, 404);
    int requests = statuses.values().stream().mapToInt(AtomicInteger::get).sum();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() ->
            jdbc.sql("SELECT count(*) FROM product_events WHERE tenant_id = ?")
                    .param(tenant)
                    .query(Long.class)
                    .single()
                == requests);
    System.out.printf(
        "redis outage: %d requests, statuses %s, all events stored%n", requests, statuses);
  }

  private double redisUp() {
    return meters.get("reviewer.kv.redis.up").gauge().value();
  }

  private static void awaitMoreRequests(AtomicInteger sent, int more) {
    int target = sent.get() + more;
    await().atMost(Duration.ofSeconds(60)).until(() -> sent.get() >= target);
  }

  private org.springframework.http.ResponseEntity<String> get(String path, String key) {
    var headers = new HttpHeaders();
    headers.setBearerAuth(key);
    return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
  }
}
