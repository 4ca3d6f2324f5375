package com.architectreviewer.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.architectreviewer.security.ApiKeys;
import com.architectreviewer.security.Caller;
import com.architectreviewer.testsupport.ApiClient;
import com.architectreviewer.testsupport.ApiPlatformTest;
import com.architectreviewer.testsupport.Tenants;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code GET /api/v1/repositories/{id}/scans}: every scan of the repository, newest first, page by
 * page, each with its state, time, score, counts and URL; nothing of another tenant.
 */
@ApiPlatformTest
class RepositoryScanHistoryIT {

  static final Path ROOT = Path.of(ApiPlatformTest.ALLOWED_SOURCES).toAbsolutePath();

  @LocalServerPort int port;
  @Autowired ApiKeys keys;
  @Autowired ObjectMapper json;

  @Test
  void listsTheScansOfARepositoryNewestFirstPageByPage() throws IOException {
    var api = new ApiClient(port, new Tenants(keys).newKey(Caller.Role.MEMBER));
    Path dir = Files.createDirectories(ROOT.resolve("history-" + UUID.randomUUID()));
    Files.writeString(dir.resolve("package.json"), "{\"name\":\"history-app\"}");
    Files.writeString(
        dir.resolve("config.js"), "export const key = \"sk_live_4eC39HqLyjWDarjtT1zdp7dc\";\n");
    String id = register(api, "history-app", dir);
    String empty = register(api, "never-scanned", dir.resolveSibling(dir.getFileName() + "-e"));

    var scanIds = new ArrayList<String>();
    for (int i = 0; i < 3; i++) {
      scanIds.add(scan(api, id));
    }
    // A malformed .reviewer.yml fails the next scan at once: it is in the history, without a scan.
    Files.writeString(dir.resolve(".reviewer.yml"), "ignore: [unclosed\n");
    String failedJob = requestScan(api, id);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() ->
            "failed".equals(json.readTree(api.get(failedJob).body()).path("state").asString()));

    var first = api.get("/api/v1/repositories/" + id + "/scans?limit=3");
    assertThat(first.statusCode()).isEqualTo(200);
    JsonNode page1 = json.readTree(first.body());
    var second =
        api.get(
            "/api/v1/repositories/"
                + id
                + "/scans?limit=2&cursor="
                + page1.get("nextCursor").asString());
    assertThat(second.statusCode()).isEqualTo(200);
    JsonNode page2 = json.readTree(second.body());
    assertThat(page2.get("nextCursor").isNull()).isTrue();

    var listed = new ArrayList<JsonNode>();
    page1.get("items").forEach(listed::add);
    page2.get("items").forEach(listed::add);
    assertThat(listed).hasSize(4);
    JsonNode failed = listed.removeFirst();
    assertThat(failed.get("state").asString()).isEqualTo("failed");
    assertThat(failed.get("jobId").asString()).isEqualTo(failedJob.replace("/api/v1/jobs/", ""));
    assertThat(failed.get("error").asString()).contains(".reviewer.yml");
    assertThat(failed.get("finishedAt").isNull()).isFalse();
    for (String absent : List.of("id", "score", "counts", "url")) {
      assertThat(failed.get(absent).isNull()).as(absent).isTrue();
    }
    assertThat(listed.stream().map(e -> e.get("id").asString()).toList())
        .isEqualTo(List.of(scanIds.get(2), scanIds.get(1), scanIds.get(0)));
    Instant previous = Instant.parse(failed.get("createdAt").asString());
    for (JsonNode entry : listed) {
      Instant createdAt = Instant.parse(entry.get("createdAt").asString());
      assertThat(createdAt).isBefore(previous);
      previous = createdAt;
      assertThat(entry.get("state").asString()).isEqualTo("succeeded");
      assertThat(entry.get("ref").isNull()).isTrue();
      assertThat(entry.get("score").asInt()).isBetween(0, 100);
      assertThat(entry.get("counts").propertyNames())
          .containsExactly("critical", "high", "medium", "low", "info");
      String url = entry.get("url").asString();
      assertThat(url).isEqualTo("/api/v1/scans/" + entry.get("id").asString());
      JsonNode summary = json.readTree(api.get(url).body());
      assertThat(entry.get("score").asInt()).isEqualTo(summary.get("score").asInt());
      assertThat(entry.get("counts")).isEqualTo(summary.get("counts"));
      assertThat(entry.get("jobId").asString()).isEqualTo(summary.get("jobId").asString());
    }
    int total = 0;
    for (var count : listed.getFirst().get("counts").properties()) {
      total += count.getValue().asInt();
    }
    assertThat(total).as("the hard-coded key is found").isPositive();

    // The repository itself shows its newest stored scan, not the failed job after it.
    JsonNode latest = json.readTree(api.get("/api/v1/repositories/" + id).body()).get("latestScan");
    assertThat(latest.get("id").asString()).isEqualTo(scanIds.get(2));
    assertThat(latest.get("counts")).isEqualTo(listed.getFirst().get("counts"));

    JsonNode none = json.readTree(api.get("/api/v1/repositories/" + empty + "/scans").body());
    assertThat(none.get("items")).isEmpty();
    assertThat(none.get("nextCursor").isNull()).isTrue();
  }

  @Test
  void anotherTenantsRepositoryAndBadInputAreProblems() throws IOException {
    var owner = new ApiClient(port, new Tenants(keys).newKey(Caller.Role.MEMBER));
    var other = new ApiClient(port, new Tenants(keys).newKey(Caller.Role.ADMIN));
    Path dir = Files.createDirectories(ROOT.resolve("history-" + UUID.randomUUID()));
    Files.writeString(dir.resolve("package.json"), "{\"name\":\"private-app\"}");
    String id = register(owner, "private-app", dir);
    scan(owner, id);

    var foreign = other.get("/api/v1/repositories/" + id + "/scans");
    assertThat(foreign.statusCode()).isEqualTo(404);
    assertThat(foreign.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(foreign.body()).doesNotContain("private-app").doesNotContain("/api/v1/scans/");
    assertThat(owner.get("/api/v1/repositories/" + UUID.randomUUID() + "/scans").statusCode())
        .isEqualTo(404);

    for (String query : List.of("?limit=0", "?limit=101", "?limit=x", "?cursor=bm90LWEtY3Vyc29y")) {
      var refused = owner.get("/api/v1/repositories/" + id + "/scans" + query);
      assertThat(refused.statusCode()).as(query).isEqualTo(400);
      assertThat(refused.headers().firstValue("Content-Type"))
          .as(query)
          .hasValue("application/problem+json");
    }
    assertThat(owner.get("/api/v1/repositories/not-a-uuid/scans").statusCode()).isEqualTo(400);
    assertThat(
            json.readTree(owner.get("/api/v1/repositories/" + id + "/scans").body()).get("items"))
        .hasSize(1);
  }

  @Test
  void theHistoryIsInTheOpenApiDocument() {
    var document = json.readTree(new ApiClient(port, null).get("/v3/api-docs").body());
    JsonNode get = document.path("paths").path("/api/v1/repositories/{id}/scans").path("get");
    assertThat(get.path("summary").asString()).startsWith("Scan history of a repository");
    assertThat(get.path("parameters").toString()).contains("\"cursor\"").contains("\"limit\"");
    assertThat(
            document.path("paths").path("/api/v1/repositories/{id}/scans").path("post").isObject())
        .isTrue();
  }

  private String register(ApiClient api, String name, Path dir) throws IOException {
    Files.createDirectories(dir);
    var created =
        api.postJson(
            "/api/v1/repositories", "{\"name\":\"" + name + "\",\"path\":\"" + dir + "\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    return json.readTree(created.body()).get("id").asString();
  }

  /** Asks for a scan of the repository; returns the job's location. */
  private String requestScan(ApiClient api, String repositoryId) {
    var accepted = api.postJson("/api/v1/repositories/" + repositoryId + "/scans", "{}");
    assertThat(accepted.statusCode()).isEqualTo(202);
    return accepted.headers().firstValue("Location").orElseThrow();
  }

  /** Scans the repository and waits for the job; returns the new scan's id. */
  private String scan(ApiClient api, String repositoryId) {
    String job = requestScan(api, repositoryId);
    return await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> json.readTree(api.get(job).body()),
            body -> "succeeded".equals(body.path("state").asString()))
        .get("resultUrl")
        .asString()
        .replace("/api/v1/scans/", "");
  }
}
