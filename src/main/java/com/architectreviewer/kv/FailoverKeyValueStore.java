package com.architectreviewer.kv;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redis first, the in-process store when Redis fails: a circuit breaker counts Redis failures and,
 * once open, sends calls straight to the local store for the fallback period, then lets one call
 * probe Redis again. So a dead Redis costs at most a few command timeouts, never a failed request,
 * and the KV layer recovers by itself. Lists drain both stores so nothing buffered locally during
 * an outage is stranded.
 */
final class FailoverKeyValueStore implements KeyValueStore, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(FailoverKeyValueStore.class);

  private final KeyValueStore redis;
  private final InProcessKeyValueStore local;
  private final CircuitBreaker breaker;
  private final AutoCloseable resources;

  FailoverKeyValueStore(
      KeyValueStore redis,
      InProcessKeyValueStore local,
      CircuitBreaker breaker,
      AutoCloseable resources) {
    this.redis = redis;
    this.local = local;
    this.breaker = breaker;
    this.resources = resources;
    breaker
        .getEventPublisher()
        .onStateTransition(event ->
            log.warn(
                "KV layer: Redis breaker {}; {}",
                event.getStateTransition(),
                event.getStateTransition().getToState() == CircuitBreaker.State.CLOSED
                    ? "data is shared by every instance again"
                    : "this instance uses its own in-process data until Redis answers"));
  }

  /** The composition used by the application: Redis through the shared client, local fallback. */
  static FailoverKeyValueStore over(
      SharedRedis redis, KvProperties properties, Clock clock, CircuitBreakerRegistry breakers) {
    var pubSub = new RedisPubSub(redis, properties.fallbackPeriod());
    return new FailoverKeyValueStore(
        new RedisKeyValueStore(redis, pubSub),
        new InProcessKeyValueStore(clock),
        breakers.circuitBreaker("redis", KvConfiguration.redisBreaker(properties)),
        pubSub);
  }

  @Override
  public Optional<String> get(String key) {
    return call(() -> redis.get(key), () -> local.get(key));
  }

  @Override
  public void set(String key, String value, Duration ttl) {
    run(() -> redis.set(key, value, ttl), () -> local.set(key, value, ttl));
  }

  @Override
  public void delete(String key) {
    run(() -> redis.delete(key), () -> local.delete(key));
    local.delete(key);
  }

  @Override
  public long increment(String key, Duration ttl) {
    return call(() -> redis.increment(key, ttl), () -> local.increment(key, ttl));
  }

  @Override
  public void hashPut(String key, Map<String, String> fields, Duration ttl) {
    run(() -> redis.hashPut(key, fields, ttl), () -> local.hashPut(key, fields, ttl));
  }

  @Override
  public Map<String, String> hashGetAll(String key) {
    return call(() -> redis.hashGetAll(key), () -> local.hashGetAll(key));
  }

  @Override
  public void sortedSetAdd(String key, Map<String, Double> scoredMembers, Duration ttl) {
    run(
        () -> redis.sortedSetAdd(key, scoredMembers, ttl),
        () -> local.sortedSetAdd(key, scoredMembers, ttl));
  }

  @Override
  public long sortedSetRemoveUpTo(String key, double maxScore) {
    return call(
        () -> redis.sortedSetRemoveUpTo(key, maxScore),
        () -> local.sortedSetRemoveUpTo(key, maxScore));
  }

  @Override
  public long sortedSetCount(String key, double min, double max) {
    return call(
        () -> redis.sortedSetCount(key, min, max), () -> local.sortedSetCount(key, min, max));
  }

  @Override
  public long listAppendBounded(String key, List<String> values, int maxLength) {
    return call(
        () -> redis.listAppendBounded(key, values, maxLength),
        () -> local.listAppendBounded(key, values, maxLength));
  }

  @Override
  public List<String> listTakeOldest(String key, int count) {
    List<String> shared = call(() -> redis.listTakeOldest(key, count), List::of);
    if (shared.size() >= count) {
      return shared;
    }
    var taken = new ArrayList<>(shared);
    taken.addAll(local.listTakeOldest(key, count - shared.size()));
    return taken;
  }

  @Override
  public List<String> listMoveOldest(String source, String destination, int count) {
    if (!breaker.tryAcquirePermission()) {
      return local.listMoveOldest(source, destination, count);
    }
    List<String> shared;
    long start = System.nanoTime();
    try {
      shared = redis.listMoveOldest(source, destination, count);
      breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    } catch (KeyValueStoreUnavailable e) {
      breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
      // The move may have happened in Redis without its reply: mixing in local elements now would
      // make the caller's destination list hold elements it never saw. Nothing this time.
      return List.of();
    }
    if (shared.size() >= count) {
      return shared;
    }
    var moved = new ArrayList<>(shared);
    moved.addAll(local.listMoveOldest(source, destination, count - shared.size()));
    return moved;
  }

  @Override
  public void listRemove(String key, List<String> values) {
    run(() -> redis.listRemove(key, values), () -> {});
    local.listRemove(key, values);
  }

  @Override
  public long listLength(String key) {
    return call(() -> redis.listLength(key), () -> 0L) + local.listLength(key);
  }

  @Override
  public void publish(String channel, String message) {
    run(() -> redis.publish(channel, message), () -> local.publish(channel, message));
  }

  @Override
  public Subscription subscribe(String channel, Consumer<String> listener) {
    Subscription shared = redis.subscribe(channel, listener);
    Subscription fallback = local.subscribe(channel, listener);
    return () -> {
      shared.close();
      fallback.close();
    };
  }

  @Override
  public boolean isShared() {
    return breaker.getState() == CircuitBreaker.State.CLOSED && redis.isShared();
  }

  private void run(Runnable onRedis, Runnable onLocal) {
    call(
        () -> {
          onRedis.run();
          return null;
        },
        () -> {
          onLocal.run();
          return null;
        });
  }

  private <T> T call(Supplier<T> onRedis, Supplier<T> onLocal) {
    if (!breaker.tryAcquirePermission()) {
      return onLocal.get();
    }
    long start = System.nanoTime();
    try {
      T result = onRedis.get();
      breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      return result;
    } catch (KeyValueStoreUnavailable e) {
      breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
      return onLocal.get();
    }
  }

  @Override
  public void close() throws Exception {
    resources.close();
    local.close();
  }
}
