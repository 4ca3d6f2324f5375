package com.architectreviewer.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.architectreviewer.cli.Main;
import com.architectreviewer.db.Notifications;
import com.architectreviewer.kv.KeyValueStore;
import com.architectreviewer.testsupport.TestInstances;
import com.architectreviewer.testsupport.TestPostgres;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two instances on one real PostgreSQL and no Redis at all (as the embedded default, or while Redis
 * is down): a key revoked on one instance, or by {@code reviewer admin revoke-key} in another
 * process, is refused by the other instance within 2 s although its key cache trusts keys for 30 s
 * — PostgreSQL's NOTIFY at commit reaches each process's one LISTEN connection. After that
 * connection is terminated, the listener reconnects and revocations reach it again.
 */
class KeyRevocationWithoutRedisIT {

  private static final String FIRST = "revocation-first";
  private static final String SECOND = "revocation-second";
  private static final Duration TWO_SECONDS = Duration.ofSeconds(2);

  private final HttpClient http = HttpClient.newHttpClient();
  private final TestPostgres postgres = TestPostgres.start();
  private ConfigurableApplicationContext first;
  private ConfigurableApplicationContext second;
  private UUID tenant;

  @BeforeEach
  void start() {
    first = instance(FIRST);
    second = instance(SECOND);
    for (var instance : new ConfigurableApplicationContext[] {first, second}) {
      assertThat(instance.getBean(KeyValueStore.class).isShared()).as("no Redis").isFalse();
    }
    tenant = first.getBean(ApiKeys.class).ensureTenant("revocation-" + UUID.randomUUID());
  }

  @AfterEach
  void stop() {
    for (var instance : new ConfigurableApplicationContext[] {first, second}) {
      if (instance != null) {
        instance.close();
      }
    }
    postgres.close();
  }

  @Test
  void aRevocationReachesTheOtherInstanceWithinTwoSecondsWithoutRedis() throws Exception {
    String kept = newKey();
    String revokedOnFirst = newKey();
    String revokedByCli = newKey();
    for (String key : new String[] {kept, revokedOnFirst, revokedByCli}) {
      cachedOnBoth(key);
    }
    // One direct connection per process: the key cache and the job wake-up share it.
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> postgres.connections(SECOND + "-direct") == 1);
    assertThat(postgres.connections(FIRST + "-direct")).isOne();

    assertThat(first.getBean(KeyAdministration.class).revoke(prefix(revokedOnFirst))).isTrue();
    assertThat(status(first, revokedOnFirst)).isEqualTo(401);
    await().atMost(TWO_SECONDS).until(() -> status(second, revokedOnFirst) == 401);

    // The operator's CLI is another process on the same database: it reaches both instances.
    var cli = revokeWithCli(prefix(revokedByCli));
    assertThat(cli.exitCode()).as(cli.output()).isZero();
    await()
        .atMost(TWO_SECONDS)
        .until(() -> status(first, revokedByCli) == 401 && status(second, revokedByCli) == 401);

    assertThat(status(first, kept)).isEqualTo(200);
    assertThat(status(second, kept)).isEqualTo(200);
  }

  @Test
  void theListenerRecoversAfterItsBackendIsTerminated() throws Exception {
    String kept = newKey();
    String revokedDuringTheGap = newKey();
    String revokedAfterwards = newKey();
    for (String key : new String[] {kept, revokedDuringTheGap}) {
      cachedOnBoth(key);
    }
    var listener = second.getBean(Notifications.class);
    await().atMost(Duration.ofSeconds(5)).until(listener::isListening);
    long sessions = listener.sessions();

    assertThat(postgres.terminateBackends(SECOND + "-direct")).isOne();
    // Most likely before the listener is back: the reconnect clears the cache, which covers it.
    assertThat(first.getBean(KeyAdministration.class).revoke(prefix(revokedDuringTheGap))).isTrue();
    await().atMost(Duration.ofSeconds(5)).until(() -> status(second, revokedDuringTheGap) == 401);

    // Once it listens again, a key cached after the reconnect is revoked through the new session.
    await().atMost(Duration.ofSeconds(5)).until(() -> listener.sessions() > sessions);
    cachedOnBoth(revokedAfterwards);
    assertThat(first.getBean(KeyAdministration.class).revoke(prefix(revokedAfterwards))).isTrue();
    await().atMost(TWO_SECONDS).until(() -> status(second, revokedAfterwards) == 401);
    assertThat(status(second, kept)).isEqualTo(200);
    assertThat(postgres.connections(SECOND + "-direct")).isOne();
    // What an operator sees of it.
    var meters = second.getBean(MeterRegistry.class);
    assertThat(meters.get("reviewer.db.notifications.listening").gauge().value()).isEqualTo(1.0);
    assertThat(meters.get("reviewer.db.notifications.sessions").functionCounter().count())
        .isEqualTo((double) listener.sessions())
        .isGreaterThan((double) sessions);
  }

  private ConfigurableApplicationContext instance(String applicationName) {
    return TestInstances.start(
        Map.of(
            "DATABASE_URL",
            postgres.url("application_name=" + applicationName),
            "REDIS_URL",
            "",
            "reviewer.db.pool-timeout",
            "2s",
            "reviewer.security.key-cache.ttl",
            "30s"),
        beans -> {});
  }

  private String newKey() {
    return first.getBean(ApiKeys.class).createKey(tenant, Caller.Role.MEMBER);
  }

  private static String prefix(String key) {
    return key.substring(4, 12);
  }

  /** The key authenticates on both instances, and the second request on each is a cache hit. */
  private void cachedOnBoth(String key) throws Exception {
    for (var instance : new ConfigurableApplicationContext[] {first, second}) {
      assertThat(status(instance, key)).isEqualTo(200);
      double hits = cacheHits(instance);
      assertThat(status(instance, key)).isEqualTo(200);
      assertThat(cacheHits(instance)).as("answered from the key cache").isGreaterThan(hits);
    }
  }

  private double cacheHits(ConfigurableApplicationContext instance) {
    return instance
        .getBean(MeterRegistry.class)
        .counter("reviewer.api.key.cache.requests", "result", "hit")
        .count();
  }

  private record CliRun(int exitCode, String output) {}

  private CliRun revokeWithCli(String prefix) {
    var out = new StringWriter();
    var commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(out, true));
    System.setProperty("DATABASE_URL", postgres.url("application_name=revocation-cli"));
    try {
      int code = commandLine.execute("admin", "revoke-key", prefix);
      return new CliRun(code, out.toString());
    } finally {
      System.clearProperty("DATABASE_URL");
    }
  }

  private int status(ConfigurableApplicationContext instance, String key) throws Exception {
    var request =
        HttpRequest.newBuilder(
                URI.create(
                    "http://127.0.0.1:" + TestInstances.port(instance) + "/api/v1/repositories"))
            .header("Authorization", "Bearer " + key)
            .timeout(Duration.ofSeconds(15))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
  }
}
