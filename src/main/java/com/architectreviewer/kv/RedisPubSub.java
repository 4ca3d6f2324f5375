package com.architectreviewer.kv;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publish/subscribe over one dedicated Redis connection. Listeners run on one dispatch thread, so
 * the Lettuce I/O thread never blocks and each channel's messages arrive in order. When Redis is
 * unreachable at start, a watchdog connects as soon as it is back; after that, Lettuce reconnects
 * and re-subscribes by itself.
 */
final class RedisPubSub implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RedisPubSub.class);

  private final SharedRedis redis;
  private final Map<String, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("kv-pubsub-dispatch").daemon().factory());
  private volatile StatefulRedisPubSubConnection<String, String> connection;
  private volatile boolean warned;

  RedisPubSub(SharedRedis redis, Duration retryEvery) {
    this.redis = redis;
    executor.scheduleWithFixedDelay(
        this::ensureConnected, 0, retryEvery.toMillis(), TimeUnit.MILLISECONDS);
  }

  KeyValueStore.Subscription subscribe(String channel, Consumer<String> listener) {
    // Listener first, connection second: ensureConnected() publishes the connection before it
    // reads the channels, so one of the two always subscribes the channel.
    listeners.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(listener);
    var current = connection;
    if (current != null) {
      current.async().subscribe(channel);
    }
    return () -> listeners.getOrDefault(channel, List.of()).remove(listener);
  }

  boolean connected() {
    var current = connection;
    return current != null && current.isOpen();
  }

  private void ensureConnected() {
    if (connection != null) {
      return;
    }
    try {
      var fresh = redis.newPubSubConnection();
      fresh.addListener(
          new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
              executor.execute(() -> deliver(channel, message));
            }
          });
      connection = fresh;
      if (!listeners.isEmpty()) {
        fresh.sync().subscribe(listeners.keySet().toArray(String[]::new));
      }
      warned = false;
      log.info("KV pub/sub connected to Redis at {}", redis.where());
    } catch (RuntimeException e) {
      if (!warned) {
        warned = true;
        log.warn(
            "KV pub/sub cannot reach Redis at {}; messages stay local to this instance until it"
                + " is back (retrying in the background)",
            redis.where());
      }
    }
  }

  private void deliver(String channel, String message) {
    for (Consumer<String> listener : listeners.getOrDefault(channel, List.of())) {
      try {
        listener.accept(message);
      } catch (RuntimeException e) {
        log.warn(
            "A listener of channel {} failed; the next messages are still delivered", channel, e);
      }
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
    if (connection != null) {
      connection.close();
    }
  }
}
