package com.architectreviewer.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.architectreviewer.cache.CacheTags;
import com.architectreviewer.cache.TaggedCache;
import com.architectreviewer.testsupport.TestInstances;
import com.architectreviewer.testsupport.TestPostgres;
import com.architectreviewer.testsupport.TestRedis;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The API-key cache on a real PostgreSQL and Redis, two instances: cached {@code /api} reads keep
 * answering while PostgreSQL is stopped, and a revoked key is refused at once on the instance that
 * revoked it and, through Redis pub/sub, on the other one long before the cache's TTL.
 */
class ApiKeyCacheIT {

  private final HttpClient http = HttpClient.newHttpClient();
  private final TestPostgres postgres = TestPostgres.start();
  private final TestRedis redis = TestRedis.startNew();
  private ConfigurableApplicationContext first;
  private ConfigurableApplicationContext second;

  @AfterEach
  void stop() {
    for (var instance : new ConfigurableApplicationContext[] {first, second}) {
      if (instance != null) {
        instance.close();
      }
    }
    postgres.close();
    redis.close();
  }

  @Test
  void cachedReadsAnswerWhileTheDatabaseIsDownAndRevokedKeysAreRefused() throws Exception {
    first = instance();
    second = instance();
    var keys = first.getBean(ApiKeys.class);
    UUID tenant = keys.ensureTenant("key-cache-" + UUID.randomUUID());
    String kept = keys.createKey(tenant, Caller.Role.MEMBER);
    String revoked = keys.createKey(tenant, Caller.Role.MEMBER);
    for (var instance : new ConfigurableApplicationContext[] {first, second}) {
      assertThat(get(instance, "/api/v1/portfolio", kept).statusCode()).isEqualTo(200);
      assertThat(get(instance, "/api/v1/portfolio", revoked).statusCode()).isEqualTo(200);
    }

    // Browser sessions are checked through the same cache, by key id.
    String keptSession = signIn(first, kept);
    String revokedSession = signIn(first, revoked);
    assertThat(withCookie(first, "/api/v1/portfolio", revokedSession).statusCode()).isEqualTo(200);
    assertThat(withCookie(first, "/api/v1/portfolio", keptSession).statusCode()).isEqualTo(200);

    // The TTL is ten minutes: only the revocation itself can explain these refusals.
    assertThat(first.getBean(KeyAdministration.class).revoke(revoked.substring(4, 12))).isTrue();
    assertThat(get(first, "/api/v1/portfolio", revoked).statusCode()).isEqualTo(401);
    assertThat(withCookie(first, "/api/v1/portfolio", revokedSession).statusCode()).isEqualTo(401);
    await()
        .atMost(Duration.ofSeconds(2))
        .until(() -> get(second, "/api/v1/portfolio", revoked).statusCode() == 401);
    assertThat(get(second, "/api/v1/portfolio", kept).statusCode()).isEqualTo(200);

    assertThat(get(first, "/api/v1/portfolio/strategy", kept).statusCode()).isEqualTo(200);
    assertThat(get(first, "/api/v1/providers", kept).statusCode()).isEqualTo(200);
    double hitsBefore = keyCache(first, "hit");

    postgres.stop();
    first.getBean(TaggedCache.class).revalidateTag(CacheTags.portfolio(tenant));

    var portfolio = get(first, "/api/v1/portfolio", kept);
    assertThat(portfolio.statusCode()).isEqualTo(200);
    assertThat(portfolio.headers().firstValue("Cache-Status").orElseThrow()).contains("fwd=stale");
    var fromSession = withCookie(first, "/api/v1/portfolio", keptSession);
    assertThat(fromSession.statusCode()).isEqualTo(200);
    assertThat(fromSession.headers().firstValue("Cache-Status")).isPresent();
    for (String path : new String[] {"/api/v1/portfolio/strategy", "/api/v1/providers"}) {
      var response = get(first, path, kept);
      assertThat(response.statusCode()).as(path).isEqualTo(200);
      assertThat(response.headers().firstValue("Cache-Status")).as(path).isPresent();
    }
    assertThat(keyCache(first, "hit")).isGreaterThanOrEqualTo(hitsBefore + 3);

    // Nothing cached to answer from: the database is needed, and it is down.
    var unknownKey = get(first, "/api/v1/portfolio", revoked);
    assertThat(unknownKey.statusCode()).isEqualTo(503);
    assertThat(unknownKey.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    assertThat(get(first, "/api/v1/repositories", kept).statusCode()).isEqualTo(503);

    postgres.restart();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> get(first, "/api/v1/repositories", kept).statusCode() == 200);
    assertThat(get(first, "/api/v1/portfolio", revoked).statusCode()).isEqualTo(401);
  }

  private ConfigurableApplicationContext instance() {
    return TestInstances.start(
        Map.of(
            "DATABASE_URL",
            postgres.url(""),
            "REDIS_URL",
            redis.url(),
            "reviewer.db.pool-timeout",
            "2s",
            "reviewer.security.key-cache.ttl",
            "10m"),
        beans -> {});
  }

  private double keyCache(ConfigurableApplicationContext instance, String result) {
    return instance
        .getBean(MeterRegistry.class)
        .counter("reviewer.api.key.cache.requests", "result", result)
        .count();
  }

  /** Signs in to the web UI with the key; returns the session cookie. */
  private String signIn(ConfigurableApplicationContext instance, String key) throws Exception {
    var request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + TestInstances.port(instance) + "/ui/login"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("apiKey=" + key + "&next=%2Fui%2Fportfolio"))
            .build();
    var response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(302);
    String cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
    return cookie.substring(0, cookie.indexOf(';'));
  }

  private HttpResponse<String> withCookie(
      ConfigurableApplicationContext instance, String path, String cookie) throws Exception {
    var request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + TestInstances.port(instance) + path))
            .header("Cookie", cookie)
            .timeout(Duration.ofSeconds(15))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(ConfigurableApplicationContext instance, String path, String key)
      throws Exception {
    var request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + TestInstances.port(instance) + path))
            .header("Authorization", "Bearer " + key)
            .timeout(Duration.ofSeconds(15))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
