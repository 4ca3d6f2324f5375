package com.architectreviewer.cache;

import com.architectreviewer.kv.KeyValueStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current version of every tag, shared by the instances. An invalidation gives its tag a new
 * version ({@code S:<uuid>} soft, {@code H:<uuid>} hard), stores it in a KV hash and publishes it;
 * every instance applies the message at once, and a periodic comparison with the hash applies any
 * message it missed. Values remember the versions of their tags when they were computed, so a
 * computation that raced an invalidation is stored stale, never as fresh.
 */
final class TagVersions implements AutoCloseable {

  static final String HASH = "cache:tag-versions";
  static final String CHANNEL = "cache:invalidations";
  private static final Duration HASH_TTL = Duration.ofDays(30);
  private static final Logger log = LoggerFactory.getLogger(TagVersions.class);

  /** What to do with the values of a tag whose version changed. */
  interface Listener {
    void tagChanged(String tag, boolean hard);
  }

  private final KeyValueStore kv;
  private final Map<String, String> known = new ConcurrentHashMap<>();
  private final KeyValueStore.Subscription subscription;
  private final ScheduledExecutorService checker =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("cache-version-check").daemon().factory());
  private volatile Listener listener = (tag, hard) -> {};

  TagVersions(KeyValueStore kv, Duration checkEvery) {
    this.kv = kv;
    this.subscription = kv.subscribe(CHANNEL, this::received);
    // The first check after one period: a new instance has nothing cached that could be stale, and
    // a check racing
    // the first reads would invalidate entries at an arbitrary moment.
    checker.scheduleWithFixedDelay(
        this::compareWithShared,
        checkEvery.toMillis(),
        checkEvery.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  void listener(Listener listener) {
    this.listener = listener;
  }

  /** Gives the tag a new version here and everywhere. */
  void invalidate(String tag, boolean hard) {
    String version = (hard ? "H:" : "S:") + UUID.randomUUID();
    apply(tag, version);
    kv.hashPut(HASH, Map.of(tag, version), HASH_TTL);
    kv.publish(CHANNEL, version + " " + tag);
  }

  /** The versions of these tags now; compare later with {@link #changedSince}. */
  Map<String, String> snapshot(Set<String> tags) {
    var versions = new HashMap<String, String>();
    for (String tag : tags) {
      versions.put(tag, known.getOrDefault(tag, ""));
    }
    return versions;
  }

  boolean changedSince(Map<String, String> snapshot) {
    for (var tag : snapshot.entrySet()) {
      if (!tag.getValue().equals(known.getOrDefault(tag.getKey(), ""))) {
        return true;
      }
    }
    return false;
  }

  void compareWithShared() {
    try {
      kv.hashGetAll(HASH).forEach(this::apply);
    } catch (RuntimeException e) {
      log.warn("Tag versions could not be compared; the next check retries", e);
    }
  }

  private void received(String message) {
    int space = message.indexOf(' ');
    if (space > 0) {
      apply(message.substring(space + 1), message.substring(0, space));
    }
  }

  private void apply(String tag, String version) {
    String previous = known.put(tag, version);
    if (!version.equals(previous)) {
      listener.tagChanged(tag, version.startsWith("H:"));
    }
  }

  @Override
  public void close() {
    checker.shutdownNow();
    subscription.close();
  }
}
