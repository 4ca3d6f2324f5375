package com.architectreviewer.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.architectreviewer.kv.KeyValueStores;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;

/** The key cache's rules, on a hand-driven clock (the database side is in ApiKeyCacheIT). */
class KeyCacheTest {

  private final AtomicLong nanos = new AtomicLong(1_000);
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final Caller caller =
      new Caller(UUID.randomUUID(), UUID.randomUUID(), Caller.Role.MEMBER);
  private final AtomicInteger lookups = new AtomicInteger();

  private KeyCache cache(Duration ttl, Duration staleIfError, int maxSize) {
    return new KeyCache(
        new SecurityProperties.KeyCacheSettings(ttl, staleIfError, maxSize),
        KeyValueStores.inProcess(Clock.systemUTC()),
        null,
        meters,
        nanos::get,
        true);
  }

  private Supplier<Optional<Caller>> database(Optional<Caller> answer) {
    return () -> {
      lookups.incrementAndGet();
      return answer;
    };
  }

  private Supplier<Optional<Caller>> unreachable() {
    return () -> {
      lookups.incrementAndGet();
      throw new DataAccessResourceFailureException("connection refused");
    };
  }

  private void advance(Duration by) {
    nanos.addAndGet(by.toNanos());
  }

  @Test
  void answersWithoutTheDatabaseWithinTheTtlAndAsksItAfterwards() {
    var cache = cache(Duration.ofSeconds(30), Duration.ZERO, 100);
    assertThat(cache.lookup("h", database(Optional.of(caller)))).contains(caller);
    advance(Duration.ofSeconds(29));
    assertThat(cache.lookup("h", database(Optional.empty()))).contains(caller);
    assertThat(lookups).hasValue(1);

    advance(Duration.ofSeconds(2));
    assertThat(cache.lookup("h", database(Optional.empty()))).isEmpty();
    assertThat(lookups).hasValue(2);
  }

  @Test
  void neverCachesUnknownKeys() {
    var cache = cache(Duration.ofSeconds(30), Duration.ZERO, 100);
    for (int i = 0; i < 1_000; i++) {
      assertThat(cache.lookup("guess-" + i, database(Optional.empty()))).isEmpty();
    }
    assertThat(cache.lookup("guess-1", database(Optional.empty()))).isEmpty();
    assertThat(lookups).hasValue(1_001);
    assertThat(cache.size()).isZero();
  }

  @Test
  void staysBoundedInSize() {
    var cache = cache(Duration.ofSeconds(30), Duration.ZERO, 10);
    for (int i = 0; i < 500; i++) {
      cache.lookup("key-" + i, database(Optional.of(caller)));
    }
    org.awaitility.Awaitility.await().until(() -> cache.size() <= 10);
  }

  @Test
  void aRevokedKeyIsForgottenAtOnce() {
    var cache = cache(Duration.ofMinutes(5), Duration.ofMinutes(5), 100);
    cache.lookup("h", database(Optional.of(caller)));
    cache.revoked(caller.keyId());
    assertThat(cache.lookup("h", database(Optional.empty()))).isEmpty();
    assertThat(lookups).hasValue(2);
  }

  @Test
  void servesAKnownKeyStaleWhileTheDatabaseIsUnreachableUpToTheLimit() {
    var cache = cache(Duration.ofSeconds(30), Duration.ofMinutes(5), 100);
    cache.lookup("h", database(Optional.of(caller)));
    advance(Duration.ofSeconds(31));

    assertThat(cache.lookup("h", unreachable())).contains(caller);
    assertThat(lookups).hasValue(2);
    // Within the retry period nobody waits for the database again.
    assertThat(cache.lookup("h", unreachable())).contains(caller);
    assertThat(lookups).hasValue(2);
    advance(KeyCache.DATABASE_RETRY.plusMillis(1));
    assertThat(cache.lookup("h", unreachable())).contains(caller);
    assertThat(lookups).hasValue(3);
    assertThat(meters.counter("reviewer.api.key.cache.requests", "result", "stale").count())
        .isEqualTo(3);

    advance(Duration.ofMinutes(5));
    assertThatThrownBy(() -> cache.lookup("h", unreachable()))
        .isInstanceOf(DataAccessResourceFailureException.class);
  }

  @Test
  void unknownKeysAndOtherErrorsAreNeverAnsweredFromStaleEntries() {
    var cache = cache(Duration.ofSeconds(30), Duration.ofMinutes(5), 100);
    assertThatThrownBy(() -> cache.lookup("unknown", unreachable()))
        .isInstanceOf(DataAccessResourceFailureException.class);

    cache.lookup("h", database(Optional.of(caller)));
    advance(Duration.ofSeconds(31));
    assertThatThrownBy(() ->
            cache.lookup(
                "h",
                () -> {
                  throw new CannotAcquireLockException("not an outage");
                }))
        .isInstanceOf(CannotAcquireLockException.class);
  }

  @Test
  void aRevocationDuringALookupIsNotUndoneByIt() {
    var cache = cache(Duration.ofMinutes(5), Duration.ZERO, 100);
    assertThat(
            cache.lookup(
                "h",
                () -> {
                  // The row was read before the revocation arrived.
                  cache.revoked(caller.keyId());
                  return Optional.of(caller);
                }))
        .contains(caller);
    assertThat(cache.size()).isZero();
  }

  @Test
  void aRevocationNotifiedByAnotherProcessForgetsOnlyThatKey() {
    var cache = cache(Duration.ofMinutes(5), Duration.ZERO, 100);
    var other = new Caller(caller.tenantId(), UUID.randomUUID(), Caller.Role.MEMBER);
    cache.lookup("h", database(Optional.of(caller)));
    cache.lookup("id:" + caller.keyId(), database(Optional.of(caller)));
    cache.lookup("other", database(Optional.of(other)));

    cache.received(caller.keyId().toString());
    cache.received("not-a-key-id");

    assertThat(cache.size()).isOne();
    assertThat(cache.lookup("other", database(Optional.empty()))).contains(other);
    assertThat(cache.lookup("h", database(Optional.empty()))).isEmpty();
  }

  @Test
  void aListenerThatMayHaveMissedRevocationsMakesEveryKeyBeCheckedAgain() {
    var cache = cache(Duration.ofMinutes(5), Duration.ZERO, 100);
    cache.lookup("h", database(Optional.of(caller)));
    cache.lookup("other", database(Optional.of(caller)));

    cache.mayHaveMissedRevocations();

    assertThat(cache.lookup("h", database(Optional.empty()))).as("revoked meanwhile").isEmpty();
    assertThat(cache.lookup("other", database(Optional.of(caller)))).contains(caller);
    assertThat(lookups).hasValue(4);
    assertThat(cache.lookup("other", database(Optional.of(caller)))).contains(caller);
    assertThat(lookups).as("fresh again after the check").hasValue(4);
  }

  @Test
  void keysCheckedAgainAfterAReconnectStillWorkStaleWhileTheDatabaseCannotAnswer() {
    var cache = cache(Duration.ofSeconds(30), Duration.ofMinutes(5), 100);
    cache.lookup("h", database(Optional.of(caller)));

    cache.mayHaveMissedRevocations();

    assertThat(cache.lookup("h", unreachable())).contains(caller);
    assertThat(lookups).hasValue(2);
    assertThat(meters.counter("reviewer.api.key.cache.requests", "result", "stale").count())
        .isEqualTo(1);
  }

  @Test
  void aReconnectDuringALookupIsNotUndoneByIt() {
    var cache = cache(Duration.ofMinutes(5), Duration.ZERO, 100);
    cache.lookup(
        "h",
        () -> {
          // The row was read while a revocation could have gone unheard.
          cache.mayHaveMissedRevocations();
          return Optional.of(caller);
        });
    assertThat(cache.size()).isZero();
  }
}
