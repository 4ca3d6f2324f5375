package com.architectreviewer.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.architectreviewer.advisories.PostgresAdvisories;
import com.architectreviewer.security.ApiKeys;
import com.architectreviewer.security.Caller;
import com.architectreviewer.testsupport.PlatformTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The platform's scan job reports AR-DEP-001 from the advisories imported into PostgreSQL. */
@PlatformTest
class ScanDependencyAdvisoriesIT {

  static final Path PROJECT = Path.of("src/test/resources/advisories/projects/middleware");

  @Autowired TestRestTemplate http;
  @Autowired ApiKeys apiKeys;
  @Autowired PostgresAdvisories advisories;
  @Autowired JdbcClient jdbc;
  @Autowired ObjectMapper json;

  String key;

  @BeforeEach
  void tenant() {
    key = apiKeys.createKey(apiKeys.ensureTenant("dep-" + UUID.randomUUID()), Caller.Role.MEMBER);
    jdbc.sql("DELETE FROM advisories").update();
  }

  /** Other test classes share this context and database: leave no advisories behind. */
  @AfterEach
  void removeAdvisories() {
    jdbc.sql("DELETE FROM advisories").update();
  }

  @Test
  void scanJobReportsDependencyFindingsFromPostgres() throws Exception {
    assertThat(findings("?rule=AR-DEP-001")).isEmpty();

    advisories.importFrom(Path.of("src/test/resources/advisories/osv"));
    JsonNode items = findings("?rule=AR-DEP-001");
    assertThat(items).hasSize(2);
    JsonNode critical = items.get(0);
    assertThat(critical.path("severity").asString()).isEqualTo("critical");
    assertThat(critical.path("file").asString()).isEqualTo("package-lock.json");
    assertThat(critical.path("line").asInt()).isEqualTo(6);
    assertThat(critical.path("message").asString())
        .contains("next@14.1.0", "GHSA-f82v-jwr5-mffw", "CVE-2025-29927", "Upgrade to 14.2.25");
  }

  /** Uploads the fixture project as a zip, waits for the scan, returns its findings. */
  private JsonNode findings(String query) throws Exception {
    byte[] zip =
        Archives.zip(w -> {
          try (var files = Files.walk(PROJECT)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
              w.file(PROJECT.relativize(file).toString(), Files.readAllBytes(file));
            }
          }
        });
    var parts = new LinkedMultiValueMap<String, Object>();
    parts.add(
        "file",
        new ByteArrayResource(zip) {
          @Override
          public String getFilename() {
            return "app.zip";
          }
        });
    var accepted = exchange(HttpMethod.POST, "/api/v1/scans", parts, MediaType.MULTIPART_FORM_DATA);
    String job = accepted.getHeaders().getLocation().toString();
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200))
        .until(() ->
            body(exchange(HttpMethod.GET, job, null, null))
                .path("state")
                .asString()
                .matches("succeeded|failed|cancelled"));
    JsonNode finished = body(exchange(HttpMethod.GET, job, null, null));
    assertThat(finished.path("state").asString()).as(finished.toString()).isEqualTo("succeeded");
    String scan = finished.path("resultUrl").asString();
    return body(exchange(HttpMethod.GET, scan + "/findings" + query, null, null)).path("items");
  }

  private ResponseEntity<String> exchange(
      HttpMethod method, String path, Object body, MediaType type) {
    var headers = new HttpHeaders();
    headers.setBearerAuth(key);
    if (type != null) {
      headers.setContentType(type);
    }
    return http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
  }

  private JsonNode body(ResponseEntity<String> response) {
    return json.readTree(response.getBody());
  }
}
