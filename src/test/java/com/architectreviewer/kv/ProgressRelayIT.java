package com.architectreviewer.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.architectreviewer.testsupport.TestRedis;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two instances' relays on one Redis: progress published on one is seen live on the other. */
class ProgressRelayIT {

  private final SharedRedis redisA =
      SharedRedis.connectingTo(TestRedis.shared().url(), KvProperties.defaults());
  private final SharedRedis redisB =
      SharedRedis.connectingTo(TestRedis.shared().url(), KvProperties.defaults());
  private final FailoverKeyValueStore storeA = store(redisA);
  private final FailoverKeyValueStore storeB = store(redisB);

  private static FailoverKeyValueStore store(SharedRedis redis) {
    return FailoverKeyValueStore.over(
        redis, KvProperties.defaults(), Clock.systemUTC(), CircuitBreakerRegistry.ofDefaults());
  }

  @AfterEach
  void close() throws Exception {
    storeA.close();
    storeB.close();
    redisA.close();
    redisB.close();
  }

  @Test
  void progressPublishedOnOneInstanceReachesTheOther() {
    var worker = new ProgressRelay(storeA);
    var api = new ProgressRelay(storeB);
    var seen = new CopyOnWriteArrayList<UUID>();
    api.onProgress(seen::add);
    UUID job = UUID.randomUUID();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> {
          worker.publish(job, Map.of("state", "running", "progress", "40", "stage", "rules"));
          return seen.contains(job);
        });
    assertThat(api.latest(job))
        .contains(Map.of("state", "running", "progress", "40", "stage", "rules"));
    assertThat(api.isShared()).isTrue();
    assertThat(api.latest(UUID.randomUUID())).isEmpty();
  }
}
