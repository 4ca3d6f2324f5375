package com.architectreviewer.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.architectreviewer.testsupport.ApiClient;
import com.architectreviewer.testsupport.ApiEndpoints;
import com.architectreviewer.testsupport.ApiEndpoints.Endpoint;
import com.architectreviewer.testsupport.ApiPlatformTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.ObjectMapper;

/**
 * Another tenant's resource answers 404 on every endpoint that addresses it, and the owner's data
 * is unchanged afterwards. Endpoints are found from Spring MVC, so new ones under a covered
 * resource are tested without editing this class.
 */
@ApiPlatformTest
class TenantIsolationIT {

  @LocalServerPort int port;
  @Autowired ApiKeys keys;
  @Autowired ObjectMapper json;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mapping;

  @Test
  void anotherTenantsResourcesAreNotFoundOnEveryEndpointThatAddressesThem() throws Exception {
    var owner =
        new ApiClient(
            port,
            keys.createKey(keys.ensureTenant("owner-" + UUID.randomUUID()), Caller.Role.ADMIN));
    var intruder =
        new ApiClient(
            port,
            keys.createKey(keys.ensureTenant("intruder-" + UUID.randomUUID()), Caller.Role.ADMIN));
    Path dir =
        Files.createDirectories(
            Path.of(ApiPlatformTest.ALLOWED_SOURCES, "iso-" + UUID.randomUUID()).toAbsolutePath());
    // A fixture app with findings, so that finding ids are addressed too.
    Path fixture = Path.of("src/test/resources/fixtures/db-001-app-router");
    try (var files = Files.walk(fixture)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path target = dir.resolve(fixture.relativize(file).toString());
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
      }
    }
    Files.writeString(dir.resolve("package.json"), "{\"name\":\"secret-app\"}");
    var created =
        owner.postJson(
            "/api/v1/repositories", "{\"name\":\"secret-app\",\"path\":\"" + dir + "\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    String repositoryId = json.readTree(created.body()).get("id").asString();
    var scan = owner.postJson("/api/v1/repositories/" + repositoryId + "/scans", "{}");
    assertThat(scan.statusCode()).isEqualTo(202);
    String jobId = json.readTree(scan.body()).get("jobId").asString();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() ->
            owner.get("/api/v1/repositories/" + repositoryId).body().contains("\"latestScan\":{"));
    String scanId =
        json.readTree(owner.get("/api/v1/repositories/" + repositoryId).body())
            .get("latestScan")
            .get("id")
            .asString();
    var findings = json.readTree(owner.get("/api/v1/scans/" + scanId + "/findings").body());
    assertThat(findings.get("items").size()).isPositive();
    String findingId = findings.get("items").get(0).get("id").asString();
    // The owner's explain finds the finding (503 here: no LLM provider is configured).
    assertThat(owner.postJson("/api/v1/findings/" + findingId + "/explain", "{}").statusCode())
        .isNotEqualTo(404);
    Map<String, String> owned =
        Map.of(
            "/api/v1/repositories/{", repositoryId,
            "/api/v1/jobs/{", jobId,
            "/api/v1/scans/{", scanId,
            "/api/v1/portfolio/ingests/{", jobId,
            "/api/v1/findings/{", findingId);

    var checked = new ArrayList<String>();
    var unchecked = new ArrayList<String>();
    var leaks = new ArrayList<String>();
    for (Endpoint endpoint : ApiEndpoints.of(mapping)) {
      if (!endpoint.hasPathVariables()) {
        continue;
      }
      String id =
          owned.entrySet().stream()
              .filter(e -> endpoint.pattern().startsWith(e.getKey()))
              .map(Map.Entry::getValue)
              .findFirst()
              .orElse(null);
      if (id == null) {
        unchecked.add(endpoint.toString());
        continue;
      }
      checked.add(endpoint.toString());
      var response =
          intruder.send(
              endpoint.method(),
              endpoint.path(id),
              endpoint.takesBody() ? "{}" : null,
              Map.of(
                  "Content-Type",
                  "application/json",
                  "Idempotency-Key",
                  UUID.randomUUID().toString()));
      if (response.statusCode() != 404 || response.body().contains("secret-app")) {
        leaks.add(endpoint + " -> " + response.statusCode() + " " + response.body());
      }
    }
    System.out.printf(
        "Tenant isolation: %d endpoints checked with another tenant's ids %s; not addressed by a"
            + " tenant resource here: %s%n",
        checked.size(), checked, unchecked);

    assertThat(leaks).isEmpty();
    assertThat(checked)
        .contains(
            "GET /api/v1/repositories/{id}",
            "DELETE /api/v1/repositories/{id}",
            "POST /api/v1/repositories/{id}/scans",
            "GET /api/v1/repositories/{id}/scans",
            "POST /api/v1/findings/{id}/explain");
    assertThat(intruder.get("/api/v1/repositories").body())
        .doesNotContain(repositoryId)
        .doesNotContain("secret-app");
    assertThat(owner.get("/api/v1/repositories/" + repositoryId).statusCode()).isEqualTo(200);
    assertThat(owner.get("/api/v1/jobs/" + jobId).statusCode()).isEqualTo(200);
    assertThat(owner.get("/api/v1/scans/" + scanId).statusCode()).isEqualTo(200);
  }
}
