package com.architectreviewer.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.architectreviewer.ReviewerApplication;
import com.architectreviewer.testsupport.DatabaseProbe;
import com.architectreviewer.testsupport.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Prisma's P2024 case: no connection within the pool timeout is a 503 problem with Retry-After,
 * never a 500.
 */
@SpringBootTest(
    classes = ReviewerApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"reviewer.db.pool-size=2", "reviewer.db.pool-timeout=400ms"})
@ActiveProfiles(DatabaseProbe.PROFILE)
@DirtiesContext
class DatabaseOverloadIT {

  private static final String DATABASE = TestDatabase.freshDatabase();

  @LocalServerPort int port;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("DATABASE_URL", () -> DATABASE + "&application_name=overload-it");
  }

  @Test
  void requestsThatGetNoConnectionInTimeAreA503WithRetryAfter() throws Exception {
    var responses = new ArrayList<HttpResponse<String>>();
    try (var executor = Executors.newFixedThreadPool(8);
        var http =
            HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(executor)
                .build()) {
      var pending = new ArrayList<CompletableFuture<HttpResponse<String>>>();
      for (int i = 0; i < 20; i++) {
        pending.add(
            http.sendAsync(get("/test/db/sleep?ms=1500"), HttpResponse.BodyHandlers.ofString()));
      }
      for (var response : pending) {
        responses.add(response.get(60, TimeUnit.SECONDS));
      }
      var unavailable =
          responses.stream().filter(response -> response.statusCode() == 503).toList();
      System.out.printf(
          "overload: %d requests, %d answered 503, %d answered 200%n",
          responses.size(),
          unavailable.size(),
          responses.stream().filter(response -> response.statusCode() == 200).count());
      assertThat(responses).noneMatch(response -> response.statusCode() == 500);
      assertThat(responses).allMatch(r -> r.statusCode() == 200 || r.statusCode() == 503);
      assertThat(unavailable).isNotEmpty();
      for (var response : unavailable) {
        assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(response.headers().firstValue("Content-Type"))
            .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body())
            .contains("https://architect-reviewer.dev/problems/database-unavailable")
            .doesNotContain("Exception");
      }
      String metrics =
          http.send(get("/actuator/prometheus"), HttpResponse.BodyHandlers.ofString()).body();
      assertThat(metrics).containsPattern("hikaricp_connections_timeout_total\\{[^}]*} [1-9]");
    }
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(60))
        .build();
  }
}
