package com.architectreviewer.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.architectreviewer.testsupport.TestRedis;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Redis stopped and started under the KV layer: calls keep answering, and sharing comes back. */
class KvFailoverIT {

  private final TestRedis server = TestRedis.startNew();
  private final SharedRedis redis = SharedRedis.connectingTo(server.url(), KvProperties.defaults());
  private final FailoverKeyValueStore store =
      FailoverKeyValueStore.over(
          redis, KvProperties.defaults(), Clock.systemUTC(), CircuitBreakerRegistry.ofDefaults());

  @BeforeEach
  void connected() {
    // The first connection of a JVM can miss the short timeouts on a loaded machine; start shared.
    awaitShared();
  }

  @AfterEach
  void stop() throws Exception {
    store.close();
    redis.close();
    server.close();
  }

  @Test
  void answersFromTheLocalStoreWhileRedisIsDownAndSharesAgainWhenItIsBack() {
    store.set("k", "shared", Duration.ofMinutes(1));

    server.stop();
    for (int i = 0; i < 50; i++) {
      // Every call answers (within the command timeout at worst), none throws.
      store.set("k", "local-" + i, Duration.ofMinutes(1));
      assertThat(store.get("k")).isPresent();
      store.increment("counter", Duration.ofMinutes(1));
    }
    assertThat(store.isShared()).isFalse();
    assertThat(store.get("k")).contains("local-49");

    server.start();
    awaitShared();
    store.set("k", "shared-again", Duration.ofMinutes(1));
    assertThat(store.get("k")).contains("shared-again");
  }

  @Test
  void subscriptionsSurviveARedisRestartAndLocalMessagesFlowWhileItIsDown() {
    var received = new CopyOnWriteArrayList<String>();
    store.subscribe("invalidate", received::add);
    awaitDelivered("before", received);

    server.stop();
    awaitDelivered("during", received);

    server.start();
    awaitShared();
    awaitDelivered("after", received);
    assertThat(received).containsSubsequence(List.of("before", "during", "after"));
  }

  @Test
  void bufferedListItemsFromAnOutageAreStillTaken() {
    store.listAppendBounded("buffer", List.of("a", "b"), 10);
    server.stop();
    store.listAppendBounded("buffer", List.of("c"), 10);
    server.start();
    awaitShared();
    // Redis lost "a" and "b" with its restart (no persistence in tests); "c" stayed local.
    assertThat(store.listTakeOldest("buffer", 10)).containsExactly("c");
  }

  private void awaitShared() {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> {
          store.get("probe");
          return store.isShared();
        });
  }

  private void awaitDelivered(String message, List<String> received) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> {
          store.publish("invalidate", message);
          return received.contains(message);
        });
  }
}
