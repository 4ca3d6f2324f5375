package com.architectreviewer.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.architectreviewer.cache.CacheKey;
import com.architectreviewer.cache.CacheTags;
import com.architectreviewer.cache.Cached;
import com.architectreviewer.cache.TaggedCache;
import com.architectreviewer.testsupport.TestDatabase;
import com.architectreviewer.testsupport.TestInstances;
import com.architectreviewer.testsupport.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two deployments ({@code reviewer.kv.prefix} "blue" and "green", each with its own database) on
 * one Redis: each sees only its own rate-limit buckets, cache invalidations and keys.
 */
class DeploymentPrefixIT {

  private static final TestRedis REDIS = TestRedis.startNew();
  private static RedisClient observer;
  private static ConfigurableApplicationContext blue;
  private static ConfigurableApplicationContext green;

  /** Every message published on the Redis, as {@code channel message}. */
  private static final List<String> messages = new CopyOnWriteArrayList<>();

  private final HttpClient http = HttpClient.newHttpClient();
  private final AtomicInteger loads = new AtomicInteger();

  @BeforeAll
  static void start() {
    observer = RedisClient.create(REDIS.url());
    var pubSub = observer.connectPubSub();
    pubSub.addListener(
        new RedisPubSubAdapter<>() {
          @Override
          public void message(String pattern, String channel, String message) {
            messages.add(channel + " " + message);
          }
        });
    pubSub.sync().psubscribe("*");
    blue = deployment("blue");
    green = deployment("green");
  }

  @AfterAll
  static void stop() {
    for (var instance : new ConfigurableApplicationContext[] {green, blue}) {
      if (instance != null) {
        instance.close();
      }
    }
    observer.shutdown();
    REDIS.close();
  }

  private static ConfigurableApplicationContext deployment(String prefix) {
    return TestInstances.start(
        Map.of(
            "DATABASE_URL",
            TestDatabase.freshDatabase(),
            "REDIS_URL",
            REDIS.url(),
            "reviewer.kv.prefix",
            prefix,
            "reviewer.cache.version-check",
            "500ms",
            "reviewer.security.rate-limits.unauthenticated.quota",
            "3",
            // A cold first call (connection, script load) on a busy machine must not fall back.
            "reviewer.security.rate-limits.redis-timeout",
            "5s"),
        beans -> {});
  }

  @Test
  void eachDeploymentHasItsOwnRateLimitBuckets() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(unauthenticated(blue)).isEqualTo(401);
    }
    assertThat(unauthenticated(blue)).isEqualTo(429);

    assertThat(unauthenticated(green)).as("green's bucket for this address is full").isEqualTo(401);

    for (var instance : new ConfigurableApplicationContext[] {blue, green}) {
      assertThat(
              instance
                  .getBean(MeterRegistry.class)
                  .counter("reviewer_rate_limit_fallbacks")
                  .count())
          .as("the buckets were in Redis, not the local fallback")
          .isZero();
    }
    try (var connection = observer.connect()) {
      List<String> keys = connection.sync().keys("*");
      assertThat(keys)
          .anyMatch(k -> k.startsWith("blue:rl:unauthenticated:"))
          .anyMatch(k -> k.startsWith("green:rl:unauthenticated:"))
          .allMatch(k -> k.startsWith("blue:") || k.startsWith("green:"));
    }
  }

  @Test
  void anInvalidationReachesOnlyItsOwnDeployment() {
    String tag = CacheTags.portfolio(UUID.randomUUID());
    CacheKey key = CacheKey.of("portfolio", tag, tag);
    read(blue, key);
    read(green, key);
    assertThat(read(green, key).outcome()).isEqualTo(Cached.Outcome.HIT);

    cache(blue).expireTag(tag);
    assertThat(read(blue, key).outcome()).isEqualTo(Cached.Outcome.MISS);
    // Longer than a cross-instance message takes (tens of ms) and than the version check.
    await()
        .during(Duration.ofMillis(1_500))
        .atMost(Duration.ofSeconds(3))
        .until(() -> read(green, key).outcome() == Cached.Outcome.HIT);
    assertThat(published(tag)).singleElement().asString().startsWith("blue:cache:invalidations ");

    cache(green).expireTag(tag);
    assertThat(read(green, key).outcome()).isEqualTo(Cached.Outcome.MISS);
    await().atMost(Duration.ofSeconds(2)).until(() -> published(tag).size() == 2);
    assertThat(published(tag).get(1)).startsWith("green:cache:invalidations ");
    assertThat(messages).allMatch(m -> m.startsWith("blue:") || m.startsWith("green:"));
  }

  private static List<String> published(String tag) {
    return messages.stream().filter(m -> m.endsWith(" " + tag)).toList();
  }

  private static TaggedCache cache(ConfigurableApplicationContext instance) {
    return instance.getBean(TaggedCache.class);
  }

  private Cached<String> read(ConfigurableApplicationContext instance, CacheKey key) {
    return cache(instance).get(key, () -> "v" + loads.incrementAndGet());
  }

  private int unauthenticated(ConfigurableApplicationContext instance) throws Exception {
    var request =
        HttpRequest.newBuilder(
                URI.create(
                    "http://127.0.0.1:" + TestInstances.port(instance) + "/api/v1/repositories"))
            .timeout(Duration.ofSeconds(10))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
