package com.architectreviewer.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.architectreviewer.security.ApiKeys;
import com.architectreviewer.security.Caller;
import com.architectreviewer.testsupport.ApiClient;
import com.architectreviewer.testsupport.ApiPlatformTest;
import com.architectreviewer.testsupport.Tenants;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

@ApiPlatformTest
class RepositoryApiIT {

  static final Path ROOT = Path.of(ApiPlatformTest.ALLOWED_SOURCES).toAbsolutePath();

  @LocalServerPort int port;
  @Autowired ApiKeys keys;
  @Autowired ObjectMapper json;

  ApiClient api;

  @BeforeAll
  static void allowedRoot() throws IOException {
    Files.createDirectories(ROOT);
  }

  @BeforeEach
  void newTenant() {
    api = new ApiClient(port, new Tenants(keys).newKey(Caller.Role.MEMBER));
  }

  @Test
  void registersAnAllowedPathAndShowsIt() throws IOException {
    Path dir = Files.createDirectories(ROOT.resolve("app-" + UUID.randomUUID()));

    var created = register("storefront", "\"path\":\"" + dir + "\"");

    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode body = json.readTree(created.body());
    String id = body.get("id").asString();
    assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/repositories/" + id);
    assertThat(body.get("path").asString()).isEqualTo(dir.toRealPath().toString());
    var fetched = api.get("/api/v1/repositories/" + id);
    assertThat(fetched.statusCode()).isEqualTo(200);
    assertThat(json.readTree(fetched.body()).get("name").asString()).isEqualTo("storefront");
    assertThat(json.readTree(fetched.body()).has("latestScan")).isTrue();
  }

  @Test
  void listsNewestFirstAcrossCursorPages() throws IOException {
    var expected = new ArrayList<String>();
    for (int i = 0; i < 5; i++) {
      Path dir = Files.createDirectories(ROOT.resolve("page-" + UUID.randomUUID()));
      expected.addFirst(
          json.readTree(register("r" + i, "\"path\":\"" + dir + "\"").body()).get("id").asString());
    }

    var seen = new ArrayList<String>();
    String cursor = null;
    int pages = 0;
    do {
      var page =
          api.get("/api/v1/repositories?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(page.statusCode()).isEqualTo(200);
      JsonNode body = json.readTree(page.body());
      body.get("items").forEach(item -> seen.add(item.get("id").asString()));
      cursor = body.get("nextCursor").isNull() ? null : body.get("nextCursor").asString();
      pages++;
    } while (cursor != null && pages < 10);

    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactlyElementsOf(expected);
    assertThat(new HashSet<>(seen)).hasSize(5);
  }

  @Test
  void deletesAndThenAnswers404() throws IOException {
    Path dir = Files.createDirectories(ROOT.resolve("gone-" + UUID.randomUUID()));
    String id =
        json.readTree(register("gone", "\"path\":\"" + dir + "\"").body()).get("id").asString();

    assertThat(api.delete("/api/v1/repositories/" + id).statusCode()).isEqualTo(204);
    assertThat(api.get("/api/v1/repositories/" + id).statusCode()).isEqualTo(404);
    assertThat(api.delete("/api/v1/repositories/" + id).statusCode()).isEqualTo(404);
  }

  @Test
  void registeringAndDeletingExpireTheCachedPortfolio() throws IOException {
    assertThat(portfolioSize()).isZero(); // cached from here on
    Path dir = Files.createDirectories(ROOT.resolve("cached-" + UUID.randomUUID()));
    String id =
        json.readTree(register("cached", "\"path\":\"" + dir + "\"").body()).get("id").asString();

    assertThat(portfolioSize()).isEqualTo(1);
    assertThat(api.delete("/api/v1/repositories/" + id).statusCode()).isEqualTo(204);
    assertThat(portfolioSize()).isZero();
  }

  private int portfolioSize() throws IOException {
    var response = api.get("/api/v1/portfolio");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json.readTree(response.body()).get("repositories").asInt();
  }

  @Test
  void refusesADuplicateNameWithAConflictProblem() throws IOException {
    Path dir = Files.createDirectories(ROOT.resolve("dup-" + UUID.randomUUID()));
    assertThat(register("dup", "\"path\":\"" + dir + "\"").statusCode()).isEqualTo(201);

    var second = register("dup", "\"path\":\"" + dir + "\"");

    assertThat(second.statusCode()).isEqualTo(409);
    assertThat(second.body()).contains("/problems/conflict");
  }

  @Test
  void refusesPathsThatEscapeTheAllowedRoots() throws IOException {
    Path outside = Files.createTempDirectory("outside");
    Path link = ROOT.resolve("link-" + UUID.randomUUID());
    Files.createSymbolicLink(link, outside);

    for (String path :
        List.of(
            ROOT + "/../../../etc",
            ROOT + "/../",
            link.toString(),
            outside.toString(),
            "/etc/passwd",
            "relative/dir",
            ROOT + "/does-not-exist")) {
      var response = register("p" + UUID.randomUUID(), "\"path\":\"" + path + "\"");
      assertThat(response.statusCode()).as(path).isEqualTo(400);
      assertThat(response.body()).as(path).contains("/problems/validation").contains("\"path\"");
    }
  }

  @Test
  void refusesUrlsToPrivateHostsInsecureSchemesAndCredentials() {
    for (String url :
        List.of(
            "https://127.0.0.1/repo.git",
            "https://localhost/repo.git",
            "https://169.254.169.254/latest/meta-data",
            "https://10.0.0.1/repo.git",
            "https://192.168.1.1/repo.git",
            "https://[::1]/repo.git",
            "https://[fd00:ec2::254]/",
            "https://0.0.0.0/",
            "http://github.com/acme/app.git",
            "file:///etc/passwd",
            "ssh://git@github.com/acme/app.git",
            "https://user:secret@github.com/acme/app.git",
            "https:///no-host",
            "not a url")) {
      var response = register("u" + UUID.randomUUID(), "\"url\":\"" + url + "\"");
      assertThat(response.statusCode()).as(url).isEqualTo(400);
      assertThat(response.body()).as(url).contains("/problems/validation").contains("\"url\"");
      assertThat(response.body()).as(url).doesNotContain("secret");
    }
  }

  @Test
  void requiresExactlyOneSource() throws IOException {
    Path dir = Files.createDirectories(ROOT.resolve("both-" + UUID.randomUUID()));
    var both = register("both", "\"path\":\"" + dir + "\",\"url\":\"https://github.com/a/b.git\"");
    var neither = api.postJson("/api/v1/repositories", "{\"name\":\"neither\"}");

    assertThat(both.statusCode()).isEqualTo(400);
    assertThat(neither.statusCode()).isEqualTo(400);
    assertThat(neither.body()).contains("exactly one");
  }

  @Test
  void scanningARepositoryAnswers202WithTheJobAndHonoursTheIdempotencyKey() throws IOException {
    Path dir = Files.createDirectories(ROOT.resolve("scan-" + UUID.randomUUID()));
    Files.writeString(dir.resolve("package.json"), "{\"name\":\"app\"}");
    String id =
        json.readTree(register("scanned", "\"path\":\"" + dir + "\"").body()).get("id").asString();
    String path = "/api/v1/repositories/" + id + "/scans";
    var key =
        Map.of("Content-Type", "application/json", "Idempotency-Key", "k-" + UUID.randomUUID());

    var first = api.send("POST", path, "{}", key);
    var again = api.send("POST", path, "{}", key);
    // a branch or tag means nothing for a server-side folder (other bodies with one key:
    // GitRefScanIT)
    var withRef = api.send("POST", path, "{\"ref\":\"develop\"}", key);
    var noBody = api.send("POST", path, (byte[]) null, Map.of());

    assertThat(first.statusCode()).isEqualTo(202);
    String location = first.headers().firstValue("Location").orElseThrow();
    assertThat(location).matches("/api/v1/jobs/[0-9a-f-]{36}");
    assertThat(api.get(location).statusCode()).isEqualTo(200);
    assertThat(again.statusCode()).isEqualTo(202);
    assertThat(again.headers().firstValue("Location")).hasValue(location);
    assertThat(withRef.statusCode()).isEqualTo(400);
    assertThat(withRef.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(withRef.body()).contains("applies to git repositories only");
    assertThat(noBody.statusCode()).isEqualTo(202);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() ->
            json.readTree(api.get("/api/v1/repositories/" + id).body())
                .get("latestScan")
                .isObject());
    JsonNode latest = json.readTree(api.get("/api/v1/repositories/" + id).body()).get("latestScan");
    assertThat(latest.get("url").asString()).startsWith("/api/v1/scans/");
    assertThat(latest.get("counts").has("critical")).isTrue();
    assertThat(api.get(latest.get("url").asString()).statusCode()).isEqualTo(200);
    assertThat(noBody.headers().firstValue("Location")).isNotEqualTo(Optional.of(location));
    assertThat(
            api.send("POST", "/api/v1/repositories/" + UUID.randomUUID() + "/scans", "{}", key)
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void malformedInputNamesTheFieldInAValidationProblem() throws IOException {
    assertField(
        api.postJson("/api/v1/repositories", "{\"name\":\"a\",\"path\":\"/x\",\"admin\":true}"),
        "admin");
    assertField(api.postJson("/api/v1/repositories", "{\"name\":5,\"path\":\"/x\"}"), "name");
    assertField(api.postJson("/api/v1/repositories", "{\"path\":\"/x\"}"), "name");
    assertField(
        api.postJson(
            "/api/v1/repositories", "{\"name\":\"" + "n".repeat(101) + "\",\"path\":\"/x\"}"),
        "name");
    assertField(api.postJson("/api/v1/repositories", "{\"name\":"), "body");
    assertField(api.get("/api/v1/repositories?limit=abc"), "limit");
    assertField(api.get("/api/v1/repositories?limit=101"), "limit");
    assertField(api.get("/api/v1/repositories?limit=0"), "limit");
    assertField(api.get("/api/v1/repositories?cursor=bm90LWEtY3Vyc29y"), "cursor");
    assertField(api.get("/api/v1/repositories/not-a-uuid"), "id");

    var tooLarge =
        api.postJson("/api/v1/repositories", "{\"name\":\"" + "x".repeat(1_100_000) + "\"}");
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(tooLarge.body()).contains("/problems/payload-too-large");
  }

  private void assertField(HttpResponse<String> response, String field) throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode problem = json.readTree(response.body());
    assertThat(problem.get("type").asString()).endsWith("/problems/validation");
    assertThat(problem.get("errors").findValuesAsString("field"))
        .as(response.body())
        .contains(field);
  }

  private HttpResponse<String> register(String name, String source) {
    return api.postJson("/api/v1/repositories", "{\"name\":\"" + name + "\"," + source + "}");
  }
}
