package com.architectreviewer.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.architectreviewer.kv.KeyValueStore;
import com.architectreviewer.testsupport.TestDatabase;
import com.architectreviewer.testsupport.TestInstances;
import com.architectreviewer.testsupport.TestRedis;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** Two application instances on one database and one Redis, as behind a load balancer. */
class CacheAcrossInstancesIT {

  private static ConfigurableApplicationContext first;
  private static ConfigurableApplicationContext second;

  private final String tag = CacheTags.portfolio(UUID.randomUUID());
  private final CacheKey key = CacheKey.of("portfolio", tag, tag);
  private final AtomicInteger loads = new AtomicInteger();

  @BeforeAll
  static void start() {
    var settings =
        Map.of(
            "DATABASE_URL", TestDatabase.freshDatabase(),
            "REDIS_URL", TestRedis.shared().url(),
            "reviewer.cache.version-check", "1s");
    first = TestInstances.start(settings, beans -> {});
    second = TestInstances.start(settings, beans -> {});
  }

  @AfterAll
  static void stop() {
    second.close();
    first.close();
  }

  private static TaggedCache cacheOf(ConfigurableApplicationContext instance) {
    return instance.getBean(TaggedCache.class);
  }

  private Cached<String> read(ConfigurableApplicationContext instance) {
    return cacheOf(instance).get(key, () -> "v" + loads.incrementAndGet());
  }

  @Test
  void anExpiryOnOneInstanceReachesTheOtherWithinOneSecond() {
    read(first);
    read(second);
    assertThat(read(second).outcome()).isEqualTo(Cached.Outcome.HIT);

    long start = System.nanoTime();
    cacheOf(first).expireTag(tag);
    await()
        .atMost(Duration.ofSeconds(1))
        .pollInterval(Duration.ofMillis(5))
        .until(() -> read(second).outcome() == Cached.Outcome.MISS);
    System.out.printf(
        "cross-instance expiry seen after %d ms%n", (System.nanoTime() - start) / 1_000_000);
  }

  @Test
  void aRevalidationEventOnOneInstanceMakesTheOtherServeStaleWithinOneSecond() {
    read(first);
    read(second);
    first.publishEvent(InvalidateTags.soft(tag));
    await()
        .atMost(Duration.ofSeconds(1))
        .pollInterval(Duration.ofMillis(5))
        .until(() -> read(second).isStale());
  }

  @Test
  void anInstanceThatMissedTheMessageCatchesUpFromTheTagVersion() {
    read(second);
    // The invalidation's message is lost: only the shared version is written.
    first
        .getBean(KeyValueStore.class)
        .hashPut(TagVersions.HASH, Map.of(tag, "H:" + UUID.randomUUID()), Duration.ofMinutes(1));
    assertThat(read(second).outcome()).isEqualTo(Cached.Outcome.HIT);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> read(second).outcome() == Cached.Outcome.MISS);
  }
}
