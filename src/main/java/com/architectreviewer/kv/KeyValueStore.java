package com.architectreviewer.kv;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The KV layer for ephemeral data (the seed's Vercel KV / Upstash Redis): strings with a TTL,
 * counters, hashes, sorted sets, bounded lists and publish/subscribe.
 *
 * <p>The bean is Redis-backed when {@code REDIS_URL} is set and falls back to an in-process store
 * while Redis is unreachable, so a call never fails or hangs because of Redis: it answers from the
 * process's own data instead. {@link #isShared()} tells whether the data is currently shared by
 * every instance. Implementations that cannot fall back throw {@link KeyValueStoreUnavailable}.
 */
public interface KeyValueStore {

  Optional<String> get(String key);

  /** Sets the value; it disappears after {@code ttl}. */
  void set(String key, String value, Duration ttl);

  void delete(String key);

  /** Adds one to the counter and returns the new value; a new counter expires after {@code ttl}. */
  long increment(String key, Duration ttl);

  /** Writes the fields into the hash and (re)sets its TTL. */
  void hashPut(String key, Map<String, String> fields, Duration ttl);

  Map<String, String> hashGetAll(String key);

  /** Adds or re-scores members of a sorted set and (re)sets its TTL. */
  void sortedSetAdd(String key, Map<String, Double> scoredMembers, Duration ttl);

  /** Removes the members scored at or below {@code maxScore}; returns how many went. */
  long sortedSetRemoveUpTo(String key, double maxScore);

  /** Counts the members scored between {@code min} and {@code max}, inclusive. */
  long sortedSetCount(String key, double min, double max);

  /**
   * Appends the values to a list that keeps at most {@code maxLength} elements; when it would grow
   * beyond, the oldest go. Returns how many were dropped.
   */
  long listAppendBounded(String key, List<String> values, int maxLength);

  /** Removes and returns up to {@code count} of the oldest elements. */
  List<String> listTakeOldest(String key, int count);

  long listLength(String key);

  /**
   * Moves up to {@code count} of the oldest elements of {@code source} to the end of {@code
   * destination}, atomically, and returns them. Lets a consumer keep what it took in a list of its
   * own until it is done, so a lost reply never loses the elements.
   */
  List<String> listMoveOldest(String source, String destination, int count);

  /** Removes one occurrence of each value from the list; values not in it are ignored. */
  void listRemove(String key, List<String> values);

  /** Sends the message to every subscriber of the channel, in every instance when shared. */
  void publish(String channel, String message);

  /**
   * Calls the listener with every message of the channel until the subscription is closed. The
   * listener runs on a dispatch thread, in publication order; it should not block for long.
   */
  Subscription subscribe(String channel, Consumer<String> listener);

  /** True while the data lives in Redis and every instance sees it. */
  boolean isShared();

  /** A subscription; closing it stops the deliveries. */
  interface Subscription extends AutoCloseable {
    @Override
    void close();
  }
}
