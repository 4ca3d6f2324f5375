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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** {@code POST /api/v1/portfolio/ingest} end to end: parent job, child scans, outcomes. */
@LlmPlatformTest
class IngestApiIT {

  static final List<String> TWELVE =
      List.of(
          "db-001-app-router",
          "db-001-app-router-fixed",
          "db-001-pages-router-js",
          "db-002-duplicate-clients",
          "db-002-duplicate-clients-fixed",
          "ar-ai-001-app-router",
          "ar-ai-001-app-router-fixed",
          "ar-ai-001-express",
          "ar-sec-001-app-router",
          "ar-sec-004-hardcoded",
          "ar-sec-004-hardcoded-fixed",
          "ar-job-001-app-router");

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @LocalServerPort int port;
  @Autowired ApiKeys apiKeys;
  @Autowired ObjectMapper json;

  private String key;

  @BeforeEach
  void tenant() {
    key =
        apiKeys.createKey(apiKeys.ensureTenant("ingest-" + UUID.randomUUID()), Caller.Role.MEMBER);
  }

  @Test
  void ingestsAFolderOfTwelveRepositoriesWithOneScanEach() throws Exception {
    Path folder = FixtureRepositories.portfolio(TWELVE);

    var accepted = post("{\"folder\":\"" + folder + "\"}", "application/json");

    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    String location = accepted.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith("/api/v1/jobs/");
    JsonNode job = awaitFinished(location);
    assertThat(job.path("state").asString()).isEqualTo("succeeded");
    assertThat(job.path("progress").asInt()).isEqualTo(100);

    JsonNode result =
        json.readTree(get(job.path("resultUrl").asString(job.path("resultRef").asString())).body());
    JsonNode repositories = result.path("repositories");
    assertThat(repositories).hasSize(12);
    for (JsonNode repository : repositories) {
      assertThat(repository.path("state").asString())
          .as(repository.toString())
          .isEqualTo("succeeded");
      assertThat(repository.path("registration").asString()).isEqualTo("registered");
      assertThat(repository.path("scan").asString()).startsWith("/api/v1/scans/");
    }
    JsonNode child =
        json.readTree(
            get("/api/v1/jobs/" + repositories.get(0).path("scanJobId").asString()).body());
    assertThat(child.path("kind").asString()).isEqualTo("scan");
  }

  @Test
  void aYamlManifestIsDeduplicatedAndABadRepositoryFailsAlone() throws Exception {
    Path folder = FixtureRepositories.portfolio(List.of("db-001-app-router", "ar-ai-001-express"));
    String manifest =
        """
        repositories:
          - name: storefront
            path: %1$s/db-001-app-router
            tags: [shop, nextjs]
          - name: storefront-again
            path: %1$s/./db-001-app-router/
          - name: chat
            path: %1$s/ar-ai-001-express
          - name: remote
            url: https://93.184.216.34/acme/remote.git
            branch: main
          - name: missing
            path: %1$s/does-not-exist
        """
            .formatted(folder);

    var accepted = post(manifest, "application/yaml");

    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    JsonNode job = awaitFinished(accepted.headers().firstValue("Location").orElseThrow());
    assertThat(job.path("state").asString()).isEqualTo("succeeded");
    JsonNode repositories =
        json.readTree(get("/api/v1/portfolio/ingests/" + job.path("id").asString()).body())
            .path("repositories");
    assertThat(names(repositories)).containsExactly("storefront", "chat", "remote", "missing");
    assertThat(state(repositories, "storefront")).isEqualTo("succeeded");
    assertThat(state(repositories, "chat")).isEqualTo("succeeded");
    assertThat(state(repositories, "remote")).isEqualTo("failed");
    assertThat(byName(repositories, "remote").path("error").asString()).isNotBlank();
    assertThat(state(repositories, "missing")).isEqualTo("failed");
    assertThat(byName(repositories, "missing").path("registration").asString()).isEqualTo("failed");
  }

  @Test
  void ingestingAgainReusesTheRegisteredRepositories() throws Exception {
    Path folder = FixtureRepositories.portfolio(List.of("db-001-app-router", "ar-ai-001-express"));
    awaitFinished(
        post("{\"folder\":\"" + folder + "\"}", "application/json")
            .headers()
            .firstValue("Location")
            .orElseThrow());

    JsonNode again =
        awaitFinished(
            post("{\"folder\":\"" + folder + "\"}", "application/json")
                .headers()
                .firstValue("Location")
                .orElseThrow());

    JsonNode repositories =
        json.readTree(get("/api/v1/portfolio/ingests/" + again.path("id").asString()).body())
            .path("repositories");
    assertThat(repositories).hasSize(2);
    repositories.forEach(r -> assertThat(r.path("registration").asString()).isEqualTo("existing"));
    JsonNode listed = json.readTree(get("/api/v1/repositories?limit=100").body());
    assertThat(listed.toString()).contains("db-001-app-router").contains("ar-ai-001-express");
  }

  @Test
  void badRequestsAreValidationProblems() throws Exception {
    for (String body :
        List.of(
            "{}",
            "{\"urls\":[]}",
            "{\"urls\":[\"ftp://example.com/x.git\"]}",
            "{\"urls\":[\"https://user:pw@example.com/x.git\"]}",
            "{\"urls\":[\"https://example.com/x.git\"],\"folder\":\"/tmp\"}",
            "{\"folder\":\"/etc\"}",
            "{\"repositories\":[{\"name\":\"x\"}]}",
            "{\"repositories\":[{\"path\":\"/tmp\",\"branch\":\"main\"}]}")) {
      var response = post(body, "application/json");
      assertThat(response.statusCode()).as(body + " → " + response.body()).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue("application/problem+json");
    }
    var yaml = post("repositories: [ {name: x, url: ", "application/yaml");
    assertThat(yaml.statusCode()).isEqualTo(400);
    assertThat(yaml.body()).contains("manifest");
    var unknownField =
        post(
            "repositories:\n  - url: https://example.com/a.git\n    secret: 1\n",
            "application/yaml");
    assertThat(unknownField.statusCode()).isEqualTo(400);
  }

  @Test
  void anotherTenantsIngestIsNotFound() throws Exception {
    Path folder = FixtureRepositories.portfolio(List.of("db-001-app-router"));
    String location =
        post("{\"folder\":\"" + folder + "\"}", "application/json")
            .headers()
            .firstValue("Location")
            .orElseThrow();
    String jobId = location.substring(location.lastIndexOf('/') + 1);
    String other =
        apiKeys.createKey(
            apiKeys.ensureTenant("ingest-other-" + UUID.randomUUID()), Caller.Role.ADMIN);

    var response = send("GET", "/api/v1/portfolio/ingests/" + jobId, other, null, null);

    assertThat(response.statusCode()).isEqualTo(404);
    awaitFinished(location);
  }

  private JsonNode awaitFinished(String location) {
    return await()
        .atMost(Duration.ofMinutes(4))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () -> json.readTree(get(location).body()),
            job ->
                List.of("succeeded", "failed", "cancelled").contains(job.path("state").asString()));
  }

  private static List<String> names(JsonNode repositories) {
    var names = new ArrayList<String>();
    repositories.forEach(r -> names.add(r.path("name").asString()));
    return names;
  }

  private static JsonNode byName(JsonNode repositories, String name) {
    for (JsonNode r : repositories) {
      if (name.equals(r.path("name").asString())) {
        return r;
      }
    }
    throw new AssertionError("no " + name + " in " + repositories);
  }

  private static String state(JsonNode repositories, String name) {
    return byName(repositories, name).path("state").asString();
  }

  private HttpResponse<String> post(String body, String contentType) throws Exception {
    return send("POST", "/api/v1/portfolio/ingest", key, body, contentType);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return send("GET", path, key, null, null);
  }

  private HttpResponse<String> send(
      String method, String path, String apiKey, String body, String contentType) throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Bearer " + apiKey)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
