package com.architectreviewer.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.architectreviewer.testsupport.TestRedis;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract on a real Redis, through the one shared Lettuce client. */
class RedisKeyValueStoreIT extends KeyValueStoreContract {

  private static SharedRedis redis;
  private static RedisPubSub pubSub;
  private static RedisKeyValueStore store;

  @BeforeAll
  static void connect() {
    var properties = KvProperties.defaults();
    redis = SharedRedis.connectingTo(TestRedis.shared().url(), properties);
    pubSub = new RedisPubSub(redis, properties.fallbackPeriod());
    store = new RedisKeyValueStore(redis, pubSub);
    // The first connection of a JVM can miss the short timeouts on a loaded machine.
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .until(() -> store.get("warm-up").isEmpty());
  }

  @AfterAll
  static void disconnect() {
    pubSub.close();
    redis.close();
  }

  @Override
  KeyValueStore store() {
    return store;
  }

  @Test
  void isSharedWhileConnected() {
    assertThat(store.isShared()).isTrue();
  }
}
