package com.architectreviewer.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.architectreviewer.ReviewerApplication;
import com.architectreviewer.testsupport.ApiClient;
import com.architectreviewer.testsupport.TestDatabase;
import com.architectreviewer.testsupport.TestRedis;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two platform instances on one database and one real Redis: the limit is shared; with Redis slow
 * or stopped every request is still answered within the bound, from the local buckets.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DistributedRateLimitIT {

  static final int QUOTA = 8;

  /** The limiter waits at most REDIS_TIMEOUT; the bound adds room for a loaded 2-core machine. */
  static final String REDIS_TIMEOUT = "1s";

  static final Duration BOUND = Duration.ofMillis(3000);

  static TestRedis redis;
  static ConfigurableApplicationContext first;
  static ConfigurableApplicationContext second;

  @BeforeAll
  static void twoInstancesSharingRedis() {
    redis = TestRedis.startNew();
    String database = TestDatabase.freshDatabase();
    first = start(database);
    second = start(database);
  }

  @AfterAll
  static void stop() {
    for (var context : new ConfigurableApplicationContext[] {second, first}) {
      if (context != null) {
        context.close();
      }
    }
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  @Order(0)
  void theFirstRequestOfAFreshInstanceFindsRedisWarmedUp() throws Exception {
    for (var instance : new ConfigurableApplicationContext[] {first, second}) {
      var buckets = (RedisTokenBuckets) instance.getBean(TokenBuckets.class);
      await()
          .atMost(RedisTokenBuckets.WARM_UP_LIMIT.plusSeconds(5))
          .until(() -> buckets.warm().isDone());
      assertThat(buckets.warm().get()).as("Redis answered the warm-up at start").isTrue();
      assertThat(fallbacks(instance)).isZero();

      var api = new ApiClient(port(instance), newKey());
      assertThat(api.get("/api/v1/repositories").statusCode()).isEqualTo(200);

      assertThat(fallbacks(instance)).as("the first request was limited in Redis").isZero();
    }
  }

  @Test
  @Order(1)
  void theLimitHoldsAcrossBothInstances() {
    String key = newKey();
    var a = new ApiClient(port(first), key);
    var b = new ApiClient(port(second), key);

    var statuses = new ArrayList<Integer>();
    for (int i = 0; i < QUOTA + 4; i++) {
      statuses.add((i % 2 == 0 ? a : b).get("/api/v1/repositories").statusCode());
    }

    assertThat(statuses.subList(0, QUOTA)).containsOnly(200);
    assertThat(statuses.subList(QUOTA, QUOTA + 4)).containsOnly(429);
  }

  @Test
  @Order(2)
  void aSlowRedisDelaysNoRequestBeyondTheBound() throws IOException {
    var a = new ApiClient(port(first), newKey());
    assertThat(a.get("/api/v1/repositories").statusCode()).isEqualTo(200);

    try (var blocker = new Socket(InetAddress.getLoopbackAddress(), redis.port())) {
      OutputStream out = blocker.getOutputStream();
      out.write("DEBUG SLEEP 5\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      for (int i = 0; i < 3; i++) {
        assertAnsweredWithinBound(a);
      }
    }
  }

  @Test
  @Order(3)
  void aStoppedRedisLeavesRequestsServedWithinTheBound() {
    var a = new ApiClient(port(first), newKey());
    var b = new ApiClient(port(second), newKey());
    double fallbacksBefore = fallbacks(first);
    redis.stop();

    var statuses = new ArrayList<Integer>();
    for (int i = 0; i < QUOTA + 2; i++) {
      statuses.add(assertAnsweredWithinBound(a));
      assertAnsweredWithinBound(b);
    }

    // Each instance limits on its own meanwhile: the key's local bucket still refuses past the
    // quota.
    assertThat(statuses.subList(0, QUOTA)).containsOnly(200);
    assertThat(statuses.subList(QUOTA, QUOTA + 2)).containsOnly(429);
    assertThat(fallbacks(first)).isGreaterThan(fallbacksBefore);
    redis.start();
  }

  private static int assertAnsweredWithinBound(ApiClient api) {
    long start = System.nanoTime();
    int status = api.get("/api/v1/repositories").statusCode();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(took).isLessThan(BOUND);
    assertThat(status).isIn(200, 429);
    return status;
  }

  private static double fallbacks(ConfigurableApplicationContext context) {
    var counter =
        context.getBean(MeterRegistry.class).find("reviewer_rate_limit_fallbacks").counter();
    return counter == null ? 0 : counter.count();
  }

  private static String newKey() {
    var keys = first.getBean(ApiKeys.class);
    return keys.createKey(keys.ensureTenant("rl-" + System.nanoTime()), Caller.Role.MEMBER);
  }

  private static int port(ConfigurableApplicationContext context) {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  private static ConfigurableApplicationContext start(String database) {
    Map<String, Object> properties =
        Map.of(
            "DATABASE_URL",
            database,
            "REDIS_URL",
            redis.url(),
            "server.port",
            "0",
            "server.address",
            "127.0.0.1",
            "reviewer.security.rate-limits.general.quota",
            Integer.toString(QUOTA),
            "reviewer.security.rate-limits.redis-timeout",
            REDIS_TIMEOUT,
            "reviewer.security.rate-limits.redis-retry-after",
            "500ms");
    return new SpringApplicationBuilder(ReviewerApplication.class).properties(properties).run();
  }
}
