package com.architectreviewer.kv;

import static org.assertj.core.api.Assertions.assertThat;

import com.architectreviewer.testsupport.TestRedis;
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
