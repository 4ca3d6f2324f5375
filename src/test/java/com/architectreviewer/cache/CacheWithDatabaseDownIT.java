package com.architectreviewer.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.architectreviewer.testsupport.TestInstances;
import io.micrometer.core.instrument.MeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/** Cached reads keep answering, stale and marked, while their PostgreSQL is stopped. */
class CacheWithDatabaseDownIT {

  private final HttpClient http = HttpClient.newHttpClient();
  private EmbeddedPostgres postgres;
  private ConfigurableApplicationContext instance;

  @AfterEach
  void stop() throws Exception {
    if (instance != null) {
      instance.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void servesTheStaleValueWithACacheStatusWhileTheDatabaseIsDown() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    instance =
        TestInstances.start(
            Map.of(
                "DATABASE_URL",
                "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres?user=postgres",
                "reviewer.db.pool-timeout",
                "2s"),
            beans ->
                beans.registerBean(
                    "cacheProbe",
                    RouterFunction.class,
                    () ->
                        RouterFunctions.route()
                            .GET(
                                "/cache-probe",
                                request -> {
                                  var cached =
                                      beans
                                          .getBean(TaggedCache.class)
                                          .get(
                                              CacheKey.of("probe", "tenants", "probe"),
                                              () ->
                                                  beans
                                                      .getBean(JdbcClient.class)
                                                      .sql("SELECT count(*) + 41 FROM tenants")
                                                      .query(Long.class)
                                                      .single());
                                  return ServerResponse.ok()
                                      .header("Cache-Status", cached.cacheStatus())
                                      .body(Long.toString(cached.value()));
                                })
                            .build()));

    var miss = probe();
    assertThat(miss.statusCode()).isEqualTo(200);
    assertThat(miss.headers().firstValue("Cache-Status")).contains("reviewer; fwd=miss; stored");
    assertThat(probe().headers().firstValue("Cache-Status").orElseThrow())
        .startsWith("reviewer; hit");

    instance.getBean(TaggedCache.class).revalidateTag("probe");
    postgres.close();
    postgres = null;

    var stale = probe();
    assertThat(stale.statusCode()).isEqualTo(200);
    assertThat(stale.body()).isEqualTo(miss.body());
    // the background refresh that revalidateTag starts may already have failed against the
    // stopped server (then the status says so); either way the stale value is served, not a 503
    assertThat(stale.headers().firstValue("Cache-Status").orElseThrow())
        .containsAnyOf("fwd=stale", "detail=stale-refresh-failed");

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() ->
            probe()
                .headers()
                .firstValue("Cache-Status")
                .orElseThrow()
                .contains("detail=stale-refresh-failed"));
    var afterFailure = probe();
    assertThat(afterFailure.statusCode()).isEqualTo(200);
    assertThat(afterFailure.body()).isEqualTo(miss.body());
    assertThat(
            instance
                .getBean(MeterRegistry.class)
                .counter("reviewer.cache.refresh.failures", "cache", "probe")
                .count())
        .isPositive();
  }

  private HttpResponse<String> probe() throws Exception {
    var request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + TestInstances.port(instance) + "/cache-probe"))
            .timeout(Duration.ofSeconds(5))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
