package com.architectreviewer.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.architectreviewer.security.ApiKeys;
import com.architectreviewer.security.Caller;
import com.architectreviewer.testsupport.FixtureRepositories;
import com.architectreviewer.testsupport.LlmPlatformTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A portfolio of twelve fixture repositories, ingested from a server-side folder: the portfolio
 * view, the strategy, their cache and tenant isolation.
 */
@LlmPlatformTest
class PortfolioApiIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @LocalServerPort int port;
  @Autowired ApiKeys apiKeys;
  @Autowired ObjectMapper json;

  @Test
  void strategyForAPortfolioOfTwelveFixtureRepositories() throws Exception {
    String key =
        apiKeys.createKey(
            apiKeys.ensureTenant("strategy-" + UUID.randomUUID()), Caller.Role.MEMBER);
    Path folder = FixtureRepositories.portfolio(IngestApiIT.TWELVE);
    ingest(key, folder);

    JsonNode portfolio =
        json.readTree(
            await()
                .atMost(Duration.ofSeconds(30))
                .until(
                    () -> get(key, "/api/v1/portfolio").body(),
                    body ->
                        json.readTree(body).path("items").size() == 12
                            && json.readTree(body).findValues("latestScan").stream()
                                .noneMatch(JsonNode::isNull)));
    for (JsonNode item : portfolio.path("items")) {
      JsonNode latest = item.path("latestScan");
      assertThat(item.path("scanState").asString()).isEqualTo("succeeded");
      assertThat(latest.path("score").asInt()).isBetween(0, 100);
      assertThat(latest.path("counts").has("critical")).isTrue();
      assertThat(latest.path("trend").path("direction").asString()).isEqualTo("first");
    }

    var response = get(key, "/api/v1/portfolio/strategy");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Cache-Status")).isPresent();
    JsonNode strategy = json.readTree(response.body());
    System.out.println("Strategy for 12 fixture repositories:\n" + strategy.toPrettyString());

    assertThat(strategy.path("scannedRepositories").asInt()).isEqualTo(12);
    JsonNode ranking = strategy.path("ranking");
    assertThat(ranking).hasSize(12);
    var risks = new ArrayList<Double>();
    ranking.forEach(r -> risks.add(r.path("risk").asDouble()));
    assertThat(risks).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    assertThat(risks.getFirst()).isPositive();
    // the fixed twins carry no risk and sink to the bottom
    assertThat(ranking.get(11).path("name").asString()).endsWith("-fixed");
    JsonNode shared = strategy.path("sharedProblems");
    assertThat(shared.size()).isPositive();
    assertThat(shared.get(0).path("summary").asString()).matches("\\d+ of 12 repositories: .+");
    JsonNode plan = strategy.path("plan");
    assertThat(plan.size()).isPositive();
    for (JsonNode step : plan) {
      assertThat(step.path("docs").asString()).matches("docs/rules/AR-[A-Z]+-\\d{3}\\.md");
      assertThat(step.path("why").asString()).contains("of the portfolio's risk");
    }
    assertThat(plan.get(0).path("step").asInt()).isEqualTo(1);

    // deterministic: asked again (from the cache or recomputed) it is the same strategy
    assertThat(json.readTree(get(key, "/api/v1/portfolio/strategy").body())).isEqualTo(strategy);
  }

  @Test
  void aSecondIngestRevalidatesThePortfolioAndShowsTheTrend() throws Exception {
    String key =
        apiKeys.createKey(apiKeys.ensureTenant("trend-" + UUID.randomUUID()), Caller.Role.MEMBER);
    Path folder = FixtureRepositories.portfolio(List.of("db-001-app-router", "ar-ai-001-express"));
    ingest(key, folder);
    JsonNode first = json.readTree(get(key, "/api/v1/portfolio").body());
    assertThat(first.path("items")).hasSize(2);

    ingest(key, folder);

    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> {
          JsonNode items = json.readTree(get(key, "/api/v1/portfolio").body()).path("items");
          for (JsonNode item : items) {
            if (!"unchanged"
                .equals(item.path("latestScan").path("trend").path("direction").asString())) {
              return false;
            }
          }
          return items.size() == 2;
        });
  }

  @Test
  void aFinishedScanRevalidatesThePortfolio() throws Exception {
    String key =
        apiKeys.createKey(apiKeys.ensureTenant("rescan-" + UUID.randomUUID()), Caller.Role.MEMBER);
    Path folder = FixtureRepositories.portfolio(List.of("db-001-app-router"));
    ingest(key, folder);
    JsonNode item = json.readTree(get(key, "/api/v1/portfolio").body()).path("items").get(0);
    assertThat(item.path("latestScan").path("trend").path("direction").asString())
        .isEqualTo("first");

    var accepted =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:"
                            + port
                            + "/api/v1/repositories/"
                            + item.path("id").asString()
                            + "/scans"))
                .header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> {
          JsonNode latest =
              json.readTree(get(key, "/api/v1/portfolio").body())
                  .path("items")
                  .get(0)
                  .path("latestScan");
          return "unchanged".equals(latest.path("trend").path("direction").asString());
        });
  }

  @Test
  void anotherTenantSeesAnEmptyPortfolio() throws Exception {
    String key =
        apiKeys.createKey(apiKeys.ensureTenant("empty-" + UUID.randomUUID()), Caller.Role.MEMBER);

    JsonNode portfolio = json.readTree(get(key, "/api/v1/portfolio").body());
    JsonNode strategy = json.readTree(get(key, "/api/v1/portfolio/strategy").body());

    assertThat(portfolio.path("items")).isEmpty();
    assertThat(strategy.path("scannedRepositories").asInt()).isZero();
    assertThat(strategy.path("plan")).isEmpty();
  }

  private void ingest(String key, Path folder) throws Exception {
    var accepted =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/v1/portfolio/ingest"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"folder\":\"" + folder + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    String location = accepted.headers().firstValue("Location").orElseThrow();
    await()
        .atMost(Duration.ofMinutes(4))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () -> json.readTree(get(key, location).body()).path("state").asString(),
            "succeeded"::equals);
  }

  private HttpResponse<String> get(String key, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Bearer " + key)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
