package com.architectreviewer.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.architectreviewer.security.ApiKeys;
import com.architectreviewer.security.Caller;
import com.architectreviewer.testsupport.LlmPlatformInitializer;
import com.architectreviewer.testsupport.LlmPlatformTest;
import com.architectreviewer.testsupport.LlmStub;
import com.architectreviewer.testsupport.LlmStub.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code POST /api/v1/findings/{id}/explain} against the stub providers: redaction, cache, budget,
 * tenant isolation, failover, the strict AI rate limit and the no-provider answer.
 */
@LlmPlatformTest
class ExplainApiIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String OPENAI_SECRET = "sk-proj-Zr8qL2mN4vX7bC1dF6gH9jK3pQ5sT0wY";
  private static final String DB_PASSWORD = "hunter2-very-secret";

  @LocalServerPort int port;
  @Autowired ApiKeys apiKeys;
  @Autowired ObjectMapper json;
  @Autowired JdbcClient jdbc;

  private final LlmStub stub = LlmPlatformInitializer.stub();
  private UUID tenant;
  private String key;
  private UUID scan;

  /** The scan's finding ids as GET /api/v1/scans/{id}/findings lists them, in scan order. */
  private List<String> findings;

  @BeforeEach
  void tenantWithAScan() {
    stub.reset();
    tenant = apiKeys.ensureTenant("ai-" + UUID.randomUUID());
    key = apiKeys.createKey(tenant, Caller.Role.MEMBER);
    String snippet =
        """
        const openai = new OpenAI({ apiKey: "%s" });
        const db = new PrismaClient({ datasources: { db: { url: "postgres://app:%s@db.example.com:5432/app" } } });
        """
            .formatted(OPENAI_SECRET, DB_PASSWORD);
    scan =
        new StoredFindings(jdbc)
            .scan(
                tenant,
                List.of(
                    new StoredFindings.Row(
                        "AR-DB-001",
                        "high",
                        "app/api/users/route.ts",
                        3,
                        snippet,
                        "fp-" + UUID.randomUUID()),
                    new StoredFindings.Row(
                        "AR-AI-001",
                        "high",
                        "app/api/chat/route.ts",
                        9,
                        "await openai.chat.completions.create(body)",
                        "fp-" + UUID.randomUUID())));
    findings = listedFindingIds(scan, key);
    assertThat(findings).hasSize(2);
  }

  @Test
  void explainsAFindingWithSecretsRedactedBeforeTheyLeaveTheProcess() throws Exception {
    stub.always("primary", Reply.openAi("Create the PrismaClient once per process.", 700, 120));

    var response = explain(findings.get(0), key);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json.readTree(response.body());
    assertThat(body.path("explanation").asString())
        .isEqualTo("Create the PrismaClient once per process.");
    assertThat(body.path("rule").asString()).isEqualTo("AR-DB-001");
    assertThat(body.path("findingId").asString()).isEqualTo(findings.get(0));
    assertThat(body.path("provider").asString()).isEqualTo("primary");
    assertThat(body.path("model").asString()).isEqualTo("gpt-stub");
    assertThat(body.path("cached").asBoolean()).isFalse();
    assertThat(body.path("usage").path("inputTokens").asLong()).isEqualTo(700);
    assertThat(body.path("budget").path("usedToday").asLong()).isEqualTo(820);
    String sent = stub.received("primary").getFirst().body();
    assertThat(sent)
        .contains("AR-DB-001")
        .contains("app/api/users/route.ts")
        .contains("PrismaClient");
    assertThat(sent).doesNotContain(OPENAI_SECRET).doesNotContain(DB_PASSWORD);
    assertThat(sent).contains("AR-AI-001"); // the rest of the scan as project context
  }

  @Test
  void askingTwiceIsServedFromTheCacheAndCostsNothing() throws Exception {
    stub.always("primary", Reply.openAi("Use a singleton.", 500, 100));

    var first = json.readTree(explain(findings.get(0), key).body());
    var second = json.readTree(explain(findings.get(0), key).body());

    assertThat(stub.received("primary")).hasSize(1);
    assertThat(second.path("cached").asBoolean()).isTrue();
    assertThat(second.path("explanation").asString()).isEqualTo("Use a singleton.");
    assertThat(second.path("usage").path("inputTokens").asLong()).isZero();
    assertThat(second.path("usage").path("cost").decimalValue()).isEqualByComparingTo("0");
    assertThat(second.path("budget").path("usedToday").asLong())
        .isEqualTo(first.path("budget").path("usedToday").asLong())
        .isEqualTo(600);
  }

  @Test
  void usageIsRecordedPerTenantAndProvider() {
    stub.always("primary", Reply.openAi("ok", 300, 50));

    explain(findings.get(0), key);
    explain(findings.get(1), key);

    var row =
        jdbc.sql(
                "SELECT provider, calls, input_tokens, output_tokens, cost FROM ai_usage WHERE tenant_id = :t")
            .param("t", tenant)
            .query((rs, n) ->
                List.of(
                    rs.getString(1),
                    rs.getInt(2),
                    rs.getLong(3),
                    rs.getLong(4),
                    rs.getBigDecimal(5)))
            .single();
    assertThat(row.subList(0, 4)).containsExactly("primary", 2, 600L, 100L);
    // 0.6 × 0.5 + 0.1 × 1.5
    assertThat((java.math.BigDecimal) row.get(4)).isEqualByComparingTo("0.45");
    // and, per request, a product event through the analytics module's non-critical writes
    await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(
            () ->
                jdbc.sql(
                        "SELECT count(*) FROM product_events WHERE tenant_id = :t AND kind = 'ai.explained'"
                            + " AND attributes ->> 'provider' = 'primary'")
                    .param("t", tenant)
                    .query(Long.class)
                    .single(),
            count -> count == 2);
  }

  @Test
  void beyondTheDailyBudgetTheRouteAnswersQuotaExceededWithRetryAfter() throws Exception {
    // The test context's budget is 5,000 tokens a day.
    stub.always("primary", Reply.openAi("long answer", 4500, 800));

    assertThat(explain(findings.get(0), key).statusCode()).isEqualTo(200);
    var refused = explain(findings.get(1), key);

    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(refused.body()).contains("/problems/quota-exceeded");
    long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfter).isBetween(1L, 86_400L);
    assertThat(stub.received("primary")).hasSize(1);
    // a cached answer stays free beyond the budget
    assertThat(explain(findings.get(0), key).statusCode()).isEqualTo(200);
  }

  @Test
  void anotherTenantsFindingIsNotFound() throws Exception {
    String otherKey =
        apiKeys.createKey(apiKeys.ensureTenant("ai-other-" + UUID.randomUUID()), Caller.Role.ADMIN);

    var response = explain(findings.get(0), otherKey);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("/problems/not-found");
    assertThat(stub.received("primary")).isEmpty();
  }

  @Test
  void anUnknownFindingIdIsNotFound() {
    var response = explain(UUID.randomUUID().toString(), key);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.body()).contains("/problems/not-found");
    assertThat(stub.received("primary")).isEmpty();
  }

  @Test
  void aMalformedFindingIdIsAValidationProblem() {
    // the old "<scanId>:<position>" form is no finding id any more
    for (String id : List.of("not-a-finding", scan + ":1", "1234", scan + "0")) {
      var response = explain(id, key);

      assertThat(response.statusCode()).as(id).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue("application/problem+json");
      assertThat(response.body()).contains("/problems/validation").contains("finding id");
    }
    assertThat(stub.received("primary")).isEmpty();
  }

  @Test
  void whenThePrimaryFailsTheSecondaryAnswers() throws Exception {
    stub.always("primary", Reply.status(500));
    stub.always("secondary", Reply.anthropic("Answer from the fallback.", 200, 40));

    var response = explain(findings.get(0), key);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json.readTree(response.body());
    assertThat(body.path("provider").asString()).isEqualTo("secondary");
    assertThat(body.path("model").asString()).isEqualTo("claude-stub");
    assertThat(stub.received("primary")).hasSize(2); // one retry (max-retries 1), then failover
  }

  @Test
  void whenEveryProviderFailsTheRouteIsUnavailableWithRetryAfter() {
    stub.always("primary", Reply.malformed());
    stub.always("secondary", Reply.status(503));

    var response = explain(findings.get(0), key);

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).contains("/problems/provider-unavailable");
    assertThat(response.headers().firstValue("Retry-After")).isPresent();
  }

  @Test
  void theStrictAiRateLimitApplies() {
    stub.always("primary", Reply.openAi("ok", 10, 10));

    var first = explain(findings.get(0), key);
    assertThat(first.headers().firstValue("RateLimit-Policy").orElse("")).contains("ai-minute");
    int status = first.statusCode();
    for (int i = 0; i < 12 && status != 429; i++) {
      status = explain(findings.get(0), key).statusCode();
    }

    assertThat(status).isEqualTo(429);
    assertThat(stub.received("primary")).hasSize(1);
  }

  @Test
  void withNoProviderEnabledTheRouteSaysHowToConfigureOne() throws Exception {
    String admin = apiKeys.createKey(tenant, Caller.Role.ADMIN);
    try {
      setEnabled(admin, "primary", "openai-chat", 1, false);
      setEnabled(admin, "secondary", "anthropic-messages", 2, false);

      var response = explain(findings.get(0), key);

      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.body())
          .contains("/problems/provider-not-configured")
          .contains("reviewer.providers.catalogue")
          .contains("api-key-env");
    } finally {
      setEnabled(admin, "primary", "openai-chat", 1, true);
      setEnabled(admin, "secondary", "anthropic-messages", 2, true);
    }
  }

  private void setEnabled(String admin, String name, String style, int priority, boolean enabled)
      throws Exception {
    String body =
        """
        {"apiStyle":"%s","baseUrl":"%s","model":"%s","inputPricePer1k":0.5,
         "outputPricePer1k":1.5,"maxOutputTokens":800,"requestsPerMinute":1000,"enabled":%s,
         "priority":%d}
        """
            .formatted(
                style,
                stub.baseUrl(name),
                name.equals("primary") ? "gpt-stub" : "claude-stub",
                enabled,
                priority);
    var response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/v1/providers/" + name))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  private List<String> listedFindingIds(UUID scanId, String apiKey) {
    try {
      var response =
          HTTP.send(
              HttpRequest.newBuilder(
                      URI.create(
                          "http://127.0.0.1:" + port + "/api/v1/scans/" + scanId + "/findings"))
                  .header("Authorization", "Bearer " + apiKey)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      var ids = new java.util.ArrayList<String>();
      json.readTree(response.body()).path("items").forEach(i -> ids.add(i.path("id").asString()));
      return ids;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> explain(String findingId, String apiKey) {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(
                  URI.create(
                      "http://127.0.0.1:" + port + "/api/v1/findings/" + findingId + "/explain"))
              .header("Authorization", "Bearer " + apiKey)
              .POST(HttpRequest.BodyPublishers.noBody())
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
