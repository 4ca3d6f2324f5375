package com.architectreviewer.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.architectreviewer.security.ApiKeys;
import com.architectreviewer.security.Caller;
import com.architectreviewer.testsupport.ApiClient;
import com.architectreviewer.testsupport.GitHttpServer;
import com.architectreviewer.testsupport.GitHttpServer.Fault;
import com.architectreviewer.testsupport.PlatformTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Scans of a branch or tag of repositories on a real git host (git http-backend on 127.0.0.1): the
 * scan body's {@code ref}, the repository's {@code branch} and the ingest manifest's {@code
 * branch}; strict ref names; transient clone failures retried with the job's backoff, permanent
 * ones failed at once.
 */
@PlatformTest
class GitRefScanIT {

  private static final Path FIXTURE = Path.of("src/test/resources/fixtures/db-001-app-router");
  private static Path hostRoot;
  private static GitHttpServer host;

  @LocalServerPort int port;
  @Autowired ApiKeys apiKeys;
  @Autowired ObjectMapper json;
  @Autowired JdbcClient jdbc;

  private UUID tenant;
  private ApiClient api;

  @DynamicPropertySource
  static void gitHostOnLoopback(DynamicPropertyRegistry registry) {
    registry.add("reviewer.sources.allow-http", () -> "true");
    registry.add("reviewer.sources.allow-private-hosts", () -> "true");
    registry.add("reviewer.jobs.retry-base-delay", () -> "200ms");
    registry.add("reviewer.jobs.retry-max-delay", () -> "400ms");
    registry.add("reviewer.jobs.max-attempts", () -> "3");
  }

  @BeforeAll
  static void startHost() throws IOException {
    hostRoot = Files.createTempDirectory("reviewer-git-host-");
    host = GitHttpServer.start(hostRoot);
    host.createRepository("app", FIXTURE);
  }

  @AfterAll
  static void stopHost() {
    host.close();
    try {
      org.eclipse.jgit.util.FileUtils.delete(
          hostRoot.toFile(),
          org.eclipse.jgit.util.FileUtils.RECURSIVE | org.eclipse.jgit.util.FileUtils.RETRY);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @BeforeEach
  void tenant() {
    host.failAlways(null);
    tenant = apiKeys.ensureTenant("refs-" + UUID.randomUUID());
    api = new ApiClient(port, apiKeys.createKey(tenant, Caller.Role.MEMBER));
  }

  @Test
  void scansTheRequestedBranchOrTagAndTheRepositorysBranchByDefault() {
    String plain = register("{\"name\":\"app\",\"url\":\"" + host.url("app") + "\"}");
    JsonNode main = finished(scan(plain, null));
    JsonNode release = finished(scan(plain, "{\"ref\":\"release/2.x\"}"));
    JsonNode tag = finished(scan(plain, "{\"ref\":\"refs/tags/v1\"}"));

    assertThat(state(main)).isEqualTo("succeeded");
    assertThat(source(main)).isEqualTo(host.url("app"));
    assertThat(source(release)).isEqualTo(host.url("app") + "#release/2.x");
    assertThat(source(tag)).isEqualTo(host.url("app") + "#refs/tags/v1");
    // the release branch has one more route creating a client per request
    assertThat(files(release, "AR-DB-001"))
        .contains("src/app/api/release/route.ts")
        .hasSize(files(main, "AR-DB-001").size() + 1);
    assertThat(files(main, "AR-DB-001")).doesNotContain("src/app/api/release/route.ts");
    assertThat(files(tag, "AR-DB-001")).isEqualTo(files(main, "AR-DB-001"));

    var registered =
        api.postJson(
            "/api/v1/repositories",
            "{\"name\":\"app-release\",\"url\":\""
                + host.url("app")
                + "\",\"branch\":\"release/2.x\"}");
    assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
    String withBranch = body(registered).path("id").asString();
    assertThat(body(api.get("/api/v1/repositories/" + withBranch)).path("branch").asString())
        .isEqualTo("release/2.x");
    assertThat(source(finished(scan(withBranch, null))))
        .isEqualTo(host.url("app") + "#release/2.x");
    assertThat(source(finished(scan(withBranch, "{\"ref\":\"v1\"}"))))
        .as("a scan's ref wins over the repository's branch")
        .isEqualTo(host.url("app") + "#v1");
  }

  @Test
  void invalidRefsAreValidationProblemsAndNothingIsQueued() {
    String git = register("{\"name\":\"app\",\"url\":\"" + host.url("app") + "\"}");
    for (String ref :
        new String[] {"a..b", "-upload-pack", "HEAD", "x.lock", "a b", "~1", "@{-1}"}) {
      var response = api.postJson(scansOf(git), "{\"ref\":" + json.writeValueAsString(ref) + "}");
      assertThat(response.statusCode()).as(ref).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue("application/problem+json");
      assertThat(body(response).path("errors").get(0).path("field").asString()).isEqualTo("ref");
    }
    var badBranch =
        api.postJson(
            "/api/v1/repositories",
            "{\"name\":\"bad\",\"url\":\"" + host.url("app") + "\",\"branch\":\"a..b\"}");
    assertThat(badBranch.statusCode()).isEqualTo(400);
    assertThat(badBranch.body()).contains("branch").contains("check-ref-format");
    var badManifest =
        api.postJson(
            "/api/v1/portfolio/ingest",
            "{\"repositories\":[{\"url\":\"" + host.url("app") + "\",\"branch\":\"x//y\"}]}");
    assertThat(badManifest.statusCode()).isEqualTo(400);
    assertThat(body(badManifest).path("errors").get(0).path("field").asString())
        .isEqualTo("repositories[0].branch");

    assertThat(
            jdbc.sql("SELECT count(*) FROM jobs WHERE tenant_id = :t")
                .param("t", tenant)
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void theIdempotencyKeyTellsRefsApart() {
    String git = register("{\"name\":\"app\",\"url\":\"" + host.url("app") + "\"}");
    var key =
        Map.of("Content-Type", "application/json", "Idempotency-Key", "k-" + UUID.randomUUID());

    var first = api.send("POST", scansOf(git), "{\"ref\":\"v1\"}", key);
    var again = api.send("POST", scansOf(git), "{\"ref\":\"v1\"}", key);
    var otherRef = api.send("POST", scansOf(git), "{\"ref\":\"release/2.x\"}", key);

    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(again.statusCode()).isEqualTo(202);
    assertThat(again.headers().firstValue("Location"))
        .isEqualTo(first.headers().firstValue("Location"));
    assertThat(otherRef.statusCode()).isEqualTo(422);
    assertThat(otherRef.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    finished(first.headers().firstValue("Location").orElseThrow());
  }

  @Test
  void aRefThatDoesNotExistFailsTheJobAtOnce() {
    String git = register("{\"name\":\"app\",\"url\":\"" + host.url("app") + "\"}");

    JsonNode job = finished(scan(git, "{\"ref\":\"no-such-branch\"}"));

    assertThat(state(job)).isEqualTo("failed");
    assertThat(job.path("attempts").asInt()).isEqualTo(1);
    assertThat(job.path("error").asString())
        .contains("'no-such-branch' does not exist")
        .contains(host.url("app"));
  }

  @Test
  void transientCloneFailuresAreRetriedWithTheJobsBackoff() {
    String git = register("{\"name\":\"app\",\"url\":\"" + host.url("app") + "\"}");

    host.failNext(Fault.UNAVAILABLE_503);
    JsonNode after5xx = finished(scan(git, "{\"ref\":\"release/2.x\"}"));
    assertThat(state(after5xx)).as(after5xx.toString()).isEqualTo("succeeded");
    assertThat(after5xx.path("attempts").asInt()).isEqualTo(2);

    // the JDK's HTTP client sends a GET once more by itself when the connection drops
    host.failNext(Fault.DROP_CONNECTION, Fault.DROP_CONNECTION);
    JsonNode afterReset = finished(scan(git, null));
    assertThat(state(afterReset)).as(afterReset.toString()).isEqualTo("succeeded");
    assertThat(afterReset.path("attempts").asInt()).isEqualTo(2);

    host.failAlways(Fault.BAD_GATEWAY_502);
    JsonNode neverBack = finished(scan(git, "{\"ref\":\"v1\"}"));
    assertThat(state(neverBack)).isEqualTo("failed");
    assertThat(neverBack.path("attempts").asInt()).as("max-attempts").isEqualTo(3);
    // the user learns why, not only an error id
    assertThat(neverBack.path("error").asString())
        .as(neverBack.toString())
        .startsWith("The job failed after 3 attempts: ")
        .contains("502");
  }

  @Test
  void permanentCloneFailuresFailAtOnce() {
    String missing = register("{\"name\":\"gone\",\"url\":\"" + host.url("gone") + "\"}");
    JsonNode notFound = finished(scan(missing, null));
    assertThat(state(notFound)).isEqualTo("failed");
    assertThat(notFound.path("attempts").asInt()).isEqualTo(1);
    assertThat(notFound.path("error").asString())
        .isEqualTo("cannot clone " + host.url("gone") + ": repository not found");

    String git = register("{\"name\":\"app\",\"url\":\"" + host.url("app") + "\"}");
    host.failAlways(Fault.AUTH_REQUIRED_401);
    int before = host.requests();
    JsonNode auth = finished(scan(git, null));
    assertThat(state(auth)).isEqualTo("failed");
    assertThat(auth.path("attempts").asInt()).isEqualTo(1);
    assertThat(auth.path("error").asString()).contains("requires authentication");
    assertThat(host.requests() - before).as("one attempt, no retry").isLessThanOrEqualTo(2);
  }

  @Test
  void anIngestManifestScansEachRepositorysBranch() {
    host.createRepository("other", FIXTURE);
    String manifest =
        """
        repositories:
          - name: app-release
            url: %s
            branch: release/2.x
            tags: [team-a]
          - name: other-v1
            url: %s
            branch: v1
        """
            .formatted(host.url("app"), host.url("other"));
    JsonNode outcome = ingest(manifest);
    var sources = new java.util.ArrayList<String>();
    for (JsonNode repository : outcome.path("repositories")) {
      assertThat(repository.path("state").asString())
          .as(repository.toString())
          .isEqualTo("succeeded");
      sources.add(body(api.get(repository.path("scan").asString())).path("source").asString());
    }
    assertThat(sources)
        .containsExactlyInAnyOrder(host.url("app") + "#release/2.x", host.url("other") + "#v1");
    assertThat(
            jdbc.sql("SELECT branch FROM repositories WHERE tenant_id = :t ORDER BY name")
                .param("t", tenant)
                .query(String.class)
                .list())
        .containsExactly("release/2.x", "v1");
  }

  @Test
  void anIngestOfARegisteredRepositorySavesTheManifestsBranch() {
    String id = register("{\"name\":\"app\",\"url\":\"" + host.url("app") + "\"}");
    String manifest =
        """
        repositories:
          - name: app
            url: %s
            branch: release/2.x
        """
            .formatted(host.url("app"));

    JsonNode first = ingest(manifest).path("repositories").get(0);
    assertThat(first.path("registration").asString()).as(first.toString()).isEqualTo("updated");
    assertThat(first.path("repositoryId").asString()).isEqualTo(id);
    assertThat(body(api.get(first.path("scan").asString())).path("source").asString())
        .isEqualTo(host.url("app") + "#release/2.x");
    assertThat(body(api.get("/api/v1/repositories/" + id)).path("branch").asString())
        .isEqualTo("release/2.x");

    JsonNode again = ingest(manifest).path("repositories").get(0);
    assertThat(again.path("registration").asString()).as(again.toString()).isEqualTo("existing");
    assertThat(source(finished(scan(id, null))))
        .as("a scan without ref uses the saved branch")
        .isEqualTo(host.url("app") + "#release/2.x");
  }

  /** Runs an ingest to its end; returns its result. */
  private JsonNode ingest(String manifest) {
    var accepted =
        api.send("POST", "/api/v1/portfolio/ingest", manifest, Map.of("Content-Type", "text/yaml"));
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    String result = body(accepted).path("result").asString();
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> body(api.get(result)).path("state").asString().matches("succeeded|failed"));
    JsonNode outcome = body(api.get(result));
    assertThat(outcome.path("state").asString()).as(outcome.toString()).isEqualTo("succeeded");
    return outcome;
  }

  private String register(String body) {
    var response = api.postJson("/api/v1/repositories", body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return body(response).path("id").asString();
  }

  private static String scansOf(String repositoryId) {
    return "/api/v1/repositories/" + repositoryId + "/scans";
  }

  /** Starts a scan; returns the job's location. */
  private String scan(String repositoryId, String body) {
    var response =
        body == null
            ? api.send("POST", scansOf(repositoryId), (byte[]) null, Map.of())
            : api.postJson(scansOf(repositoryId), body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return response.headers().firstValue("Location").orElseThrow();
  }

  private JsonNode finished(String jobLocation) {
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(100))
        .until(() ->
            body(api.get(jobLocation))
                .path("state")
                .asString()
                .matches("succeeded|failed|cancelled"));
    return body(api.get(jobLocation));
  }

  private static String state(JsonNode job) {
    return job.path("state").asString();
  }

  private String source(JsonNode job) {
    assertThat(state(job)).as(job.toString()).isEqualTo("succeeded");
    return body(api.get(job.path("resultUrl").asString())).path("source").asString();
  }

  private java.util.List<String> files(JsonNode job, String rule) {
    var files = new java.util.ArrayList<String>();
    body(api.get(job.path("resultUrl").asString() + "/findings?limit=200&rule=" + rule))
        .path("items")
        .forEach(item -> files.add(item.path("file").asString()));
    return files.stream().sorted().toList();
  }

  private JsonNode body(HttpResponse<String> response) {
    return json.readTree(response.body());
  }
}
