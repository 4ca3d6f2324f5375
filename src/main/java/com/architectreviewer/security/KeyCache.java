package com.architectreviewer.security;

import com.architectreviewer.db.Notifications;
import com.architectreviewer.kv.KeyValueStore;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A short in-process cache of authenticated API keys: SHA-256 of the presented key (or {@code
 * id:<key id>} for browser sessions) → caller (tenant, key id, role), so that requests served from
 * the tagged cache do not need the database for authentication.
 *
 * <ul>
 *   <li>An entry younger than {@code ttl} answers without the database.
 *   <li>An older one is checked against the database again; when the database is unreachable, it
 *       still answers until it is {@code ttl + staleIfError} old (so cached reads survive an
 *       outage), and for {@link #DATABASE_RETRY} no request waits for the database again.
 *   <li>Only keys that exist are cached: an unknown key costs a database lookup every time (and the
 *       per-address rate limit), so guessing random keys cannot fill memory; the size is bounded
 *       anyway.
 *   <li>A revocation removes the key's entries at once in the revoking process and, within
 *       milliseconds, in every other process on the same database: the revoking transaction sends
 *       {@code pg_notify('}{@value #REVOKED_NOTIFICATION}{@code ', key id)}, which PostgreSQL
 *       delivers at commit to each process's {@link Notifications} listener (one direct {@code
 *       LISTEN} connection per process), with or without Redis. When that listener (re)connects, a
 *       revocation may have been missed while it was disconnected, so every cached key is checked
 *       against the database again (and served stale only while the database cannot answer). The KV
 *       layer's pub/sub ({@value #REVOKED_CHANNEL}) carries the revocation as well, to instances
 *       sharing Redis even while their listener is reconnecting; evicting twice is harmless. Only
 *       if neither reaches a process (its listener cannot connect and there is no shared Redis)
 *       does a revocation wait for {@code ttl} there.
 * </ul>
 */
final class KeyCache implements AutoCloseable {

  static final String REVOKED_CHANNEL = "security:api-key-revoked";

  /** The PostgreSQL notification channel of revocations; the payload is the key id. */
  static final String REVOKED_NOTIFICATION = "reviewer_api_key_revoked";

  static final Duration DATABASE_RETRY = Duration.ofSeconds(2);

  private static final Logger log = LoggerFactory.getLogger(KeyCache.class);

  private record Entry(Caller caller, long loadedAt) {}

  private final Cache<String, Entry> entries;
  private final boolean caching;
  private final long ttl;
  private final long usableFor;
  private final Ticker ticker;
  private final KeyValueStore kv;
  private final KeyValueStore.Subscription subscription;
  private final Notifications.Subscription notification;
  private final AtomicLong revocations = new AtomicLong();
  private final AtomicBoolean outage = new AtomicBoolean();
  private final Counter hits;
  private final Counter misses;
  private final Counter stale;
  private volatile long databaseRetryAt;

  KeyCache(
      SecurityProperties.KeyCacheSettings settings,
      KeyValueStore kv,
      Notifications notifications,
      MeterRegistry meters,
      Ticker ticker,
      boolean caching) {
    this.caching = caching;
    this.ttl = settings.ttl().toNanos();
    this.usableFor = settings.ttl().plus(settings.staleIfError()).toNanos();
    this.ticker = ticker;
    this.kv = kv;
    this.entries =
        Caffeine.newBuilder()
            .maximumSize(settings.maxSize())
            .expireAfterWrite(Duration.ofNanos(usableFor))
            .ticker(ticker)
            .build();
    this.subscription = kv == null ? () -> {} : kv.subscribe(REVOKED_CHANNEL, this::received);
    this.notification =
        notifications == null
            ? () -> {}
            : notifications.subscribe(
                REVOKED_NOTIFICATION,
                new Notifications.Listener() {
                  @Override
                  public void notified(String payload) {
                    received(payload);
                  }

                  @Override
                  public void listening() {
                    mayHaveMissedRevocations();
                  }
                });
    this.hits = counter(meters, "hit");
    this.misses = counter(meters, "miss");
    this.stale = counter(meters, "stale");
  }

  /** No caching at all: every lookup asks the database (tools and tests without the context). */
  static KeyCache disabled() {
    return new KeyCache(
        SecurityProperties.KeyCacheSettings.defaults(),
        null,
        null,
        new SimpleMeterRegistry(),
        Ticker.systemTicker(),
        false);
  }

  /**
   * The caller of the key with this hash: from the cache while fresh, else from {@code database}
   * (stale while the database is unreachable).
   */
  Optional<Caller> lookup(String keyHash, Supplier<Optional<Caller>> database) {
    long now = ticker.read();
    Entry entry = entries.getIfPresent(keyHash);
    if (entry != null && now - entry.loadedAt() < ttl) {
      hits.increment();
      return Optional.of(entry.caller());
    }
    if (entry != null && now - databaseRetryAt < 0) {
      stale.increment();
      return Optional.of(entry.caller());
    }
    long revocationsBefore = revocations.get();
    Optional<Caller> loaded;
    try {
      loaded = database.get();
    } catch (RuntimeException e) {
      if (entry == null || !DatabaseUnavailable.isCause(e)) {
        throw e;
      }
      databaseRetryAt = now + DATABASE_RETRY.toNanos();
      if (outage.compareAndSet(false, true)) {
        log.warn(
            "API keys cannot be checked against the database ({}); keys seen in the last {} s"
                + " keep working from the cache until it is back",
            e.getClass().getSimpleName(),
            Duration.ofNanos(usableFor).toSeconds());
      }
      stale.increment();
      return Optional.of(entry.caller());
    }
    if (outage.compareAndSet(true, false)) {
      log.info("API keys are checked against the database again");
    }
    misses.increment();
    if (loaded.isEmpty()) {
      entries.invalidate(keyHash);
    } else if (caching) {
      entries.put(keyHash, new Entry(loaded.get(), now));
      if (revocations.get() != revocationsBefore) {
        // A revocation during the lookup may have come after the row was read: do not keep it.
        entries.invalidate(keyHash);
      }
    }
    return loaded;
  }

  /**
   * The key was revoked (and the revoking transaction sent the notification): forget it here at
   * once, and on every instance sharing the KV layer.
   */
  void revoked(UUID keyId) {
    forget(keyId);
    if (kv != null) {
      kv.publish(REVOKED_CHANNEL, keyId.toString());
    }
  }

  long size() {
    return entries.estimatedSize();
  }

  /** A revocation from another process (or this one), by key id. */
  void received(String message) {
    try {
      forget(UUID.fromString(message));
    } catch (IllegalArgumentException e) {
      log.warn("Ignored a malformed API-key revocation message");
    }
  }

  /**
   * Revocations may have been sent while this process could not hear them (its listener was
   * disconnected, or not yet connected): no cached key is trusted without asking the database
   * again. The entries stay for the stale-if-error path only: the listener usually reconnects as
   * PostgreSQL comes back, before the pool has its connections again, and dropping them made every
   * cached read answer 503 in that window (fault suite, PostgreSQL stop/start). A key revoked
   * during the gap is refused as soon as the database answers.
   */
  void mayHaveMissedRevocations() {
    revocations.incrementAndGet();
    long revalidateFrom = ticker.read() - ttl;
    long aged = entries.estimatedSize();
    entries
        .asMap()
        .replaceAll((hash, entry) ->
            entry.loadedAt() - revalidateFrom <= 0
                ? entry
                : new Entry(entry.caller(), revalidateFrom));
    if (aged > 0) {
      log.info(
          "Revocation notifications may have been missed before the listener (re)connected;"
              + " every cached API key is checked against the database again");
    }
  }

  private void forget(UUID keyId) {
    revocations.incrementAndGet();
    entries.asMap().values().removeIf(entry -> entry.caller().keyId().equals(keyId));
  }

  private static Counter counter(MeterRegistry meters, String result) {
    return Counter.builder("reviewer.api.key.cache.requests")
        .description("API-key authentications by how they were answered: hit, miss, stale")
        .tag("result", result)
        .register(meters);
  }

  @Override
  public void close() {
    notification.close();
    subscription.close();
  }
}
