package com.architectreviewer.kv;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The KV layer inside one process: the default without {@code REDIS_URL}, and the fallback while
 * Redis is unreachable. Operations are serialised on the store; they are all in-memory and short.
 */
final class InProcessKeyValueStore implements KeyValueStore, AutoCloseable {

  private final Clock clock;
  private final Map<String, Entry> entries = new HashMap<>();
  private final Map<String, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();
  private final ExecutorService dispatch =
      Executors.newSingleThreadExecutor(
          Thread.ofPlatform().name("kv-local-dispatch").daemon().factory());

  InProcessKeyValueStore(Clock clock) {
    this.clock = clock;
  }

  private record Entry(Object value, Instant expiresAt) {}

  @Override
  public synchronized Optional<String> get(String key) {
    return Optional.ofNullable(live(key)).map(e -> (String) e.value());
  }

  @Override
  public synchronized void set(String key, String value, Duration ttl) {
    entries.put(key, new Entry(value, expiry(ttl)));
  }

  @Override
  public synchronized void delete(String key) {
    entries.remove(key);
  }

  @Override
  public synchronized long increment(String key, Duration ttl) {
    Entry current = live(key);
    long next = current == null ? 1 : Long.parseLong((String) current.value()) + 1;
    entries.put(
        key, new Entry(Long.toString(next), current == null ? expiry(ttl) : current.expiresAt()));
    return next;
  }

  @Override
  @SuppressWarnings("unchecked")
  public synchronized void hashPut(String key, Map<String, String> fields, Duration ttl) {
    Entry current = live(key);
    var hash =
        current == null ? new HashMap<String, String>() : (Map<String, String>) current.value();
    hash.putAll(fields);
    entries.put(key, new Entry(hash, expiry(ttl)));
  }

  @Override
  @SuppressWarnings("unchecked")
  public synchronized Map<String, String> hashGetAll(String key) {
    Entry current = live(key);
    return current == null ? Map.of() : Map.copyOf((Map<String, String>) current.value());
  }

  @Override
  public synchronized void sortedSetAdd(
      String key, Map<String, Double> scoredMembers, Duration ttl) {
    var set = new HashMap<>(scores(key));
    set.putAll(scoredMembers);
    entries.put(key, new Entry(set, expiry(ttl)));
  }

  @Override
  public synchronized long sortedSetRemoveUpTo(String key, double maxScore) {
    Map<String, Double> set = scores(key);
    int before = set.size();
    set.values().removeIf(score -> score <= maxScore);
    return before - set.size();
  }

  @Override
  public synchronized long sortedSetCount(String key, double min, double max) {
    return scores(key).values().stream().filter(s -> s >= min && s <= max).count();
  }

  @Override
  @SuppressWarnings("unchecked")
  public synchronized long listAppendBounded(String key, List<String> values, int maxLength) {
    Entry current = live(key);
    var list = current == null ? new ArrayDeque<String>() : (ArrayDeque<String>) current.value();
    list.addAll(values);
    long dropped = 0;
    while (list.size() > maxLength) {
      list.pollFirst();
      dropped++;
    }
    entries.put(key, new Entry(list, Instant.MAX));
    return dropped;
  }

  @Override
  @SuppressWarnings("unchecked")
  public synchronized List<String> listTakeOldest(String key, int count) {
    Entry current = live(key);
    if (current == null) {
      return List.of();
    }
    var list = (ArrayDeque<String>) current.value();
    var taken = new ArrayList<String>(Math.min(count, list.size()));
    while (taken.size() < count && !list.isEmpty()) {
      taken.add(list.pollFirst());
    }
    return taken;
  }

  @Override
  @SuppressWarnings("unchecked")
  public synchronized long listLength(String key) {
    Entry current = live(key);
    return current == null ? 0 : ((ArrayDeque<String>) current.value()).size();
  }

  @Override
  public synchronized List<String> listMoveOldest(String source, String destination, int count) {
    List<String> moved = listTakeOldest(source, count);
    if (!moved.isEmpty()) {
      listAppendBounded(destination, moved, Integer.MAX_VALUE);
    }
    return moved;
  }

  @Override
  @SuppressWarnings("unchecked")
  public synchronized void listRemove(String key, List<String> values) {
    Entry current = live(key);
    if (current != null) {
      var list = (ArrayDeque<String>) current.value();
      values.forEach(list::removeFirstOccurrence);
    }
  }

  @Override
  public void publish(String channel, String message) {
    for (Consumer<String> listener : listeners.getOrDefault(channel, List.of())) {
      dispatch.execute(() -> listener.accept(message));
    }
  }

  @Override
  public Subscription subscribe(String channel, Consumer<String> listener) {
    listeners.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(listener);
    return () -> listeners.getOrDefault(channel, List.of()).remove(listener);
  }

  @Override
  public boolean isShared() {
    return false;
  }

  @Override
  public void close() {
    dispatch.shutdownNow();
  }

  @SuppressWarnings("unchecked")
  private Map<String, Double> scores(String key) {
    Entry current = live(key);
    return current == null ? new HashMap<>() : (Map<String, Double>) current.value();
  }

  private Entry live(String key) {
    Entry entry = entries.get(key);
    if (entry != null && !clock.instant().isBefore(entry.expiresAt())) {
      entries.remove(key);
      return null;
    }
    return entry;
  }

  private Instant expiry(Duration ttl) {
    return clock.instant().plus(ttl);
  }
}
