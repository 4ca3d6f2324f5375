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
import java.util.HashMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code GET /api/v1/portfolio/ingests/{jobId}} shows each repository's scan job as it is now
 * (state, progress, stage), so a page can follow every child of an ingest.
 */
@ApiPlatformTest
class IngestProgressIT {

  static final Path ROOT = Path.of(ApiPlatformTest.ALLOWED_SOURCES).toAbsolutePath();

  @LocalServerPort int port;
  @Autowired ApiKeys keys;
  @Autowired ObjectMapper json;

  @Test
  void eachRepositoryCarriesItsScanJobsStateAndProgress() throws IOException {
    var api = new ApiClient(port, new Tenants(keys).newKey(Caller.Role.MEMBER));
    Path folder = Files.createDirectories(ROOT.resolve("ingest-progress-" + UUID.randomUUID()));
    for (String name : new String[] {"alpha", "beta"}) {
      Files.createDirectories(folder.resolve(name));
      Files.writeString(
          folder.resolve(name).resolve("package.json"), "{\"name\":\"" + name + "\"}");
    }
    String manifest =
        """
        {"repositories": [
          {"name": "alpha", "path": "%1$s/alpha"},
          {"name": "beta", "path": "%1$s/beta"},
          {"name": "gone", "path": "%1$s/does-not-exist"}
        ]}
        """
            .formatted(folder);
    var accepted = api.postJson("/api/v1/portfolio/ingest", manifest);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    String jobId = json.readTree(accepted.body()).get("id").asString();

    // Every snapshot while it runs: a child's progress only grows, its state is a job state.
    var seen = new HashMap<String, Integer>();
    JsonNode last =
        await()
            .atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofMillis(100))
            .until(
                () -> {
                  JsonNode body =
                      json.readTree(api.get("/api/v1/portfolio/ingests/" + jobId).body());
                  for (JsonNode r : body.path("repositories")) {
                    if (r.path("scanJobId").isNull()) {
                      continue;
                    }
                    int progress = r.path("progress").asInt();
                    assertThat(progress).isBetween(0, 100);
                    assertThat(progress)
                        .isGreaterThanOrEqualTo(seen.getOrDefault(r.path("name").asString(), 0));
                    seen.put(r.path("name").asString(), progress);
                  }
                  return body;
                },
                body -> "succeeded".equals(body.path("state").asString()));

    JsonNode repositories = last.path("repositories");
    assertThat(repositories).hasSize(3);
    for (JsonNode r : repositories) {
      String name = r.path("name").asString();
      if (name.equals("gone")) {
        assertThat(r.path("state").asString()).isEqualTo("failed");
        assertThat(r.path("progress").isNull()).isTrue();
        assertThat(r.path("error").asString()).isNotBlank();
        continue;
      }
      assertThat(r.path("state").asString()).as(name).isEqualTo("succeeded");
      assertThat(r.path("progress").asInt()).as(name).isEqualTo(100);
      assertThat(r.path("stage").isNull()).as(name).isFalse();
      assertThat(r.path("scan").asString()).startsWith("/api/v1/scans/");
      JsonNode job =
          json.readTree(api.get("/api/v1/jobs/" + r.path("scanJobId").asString()).body());
      assertThat(r.path("state").asString()).isEqualTo(job.path("state").asString());
      assertThat(r.path("stage").asString()).isEqualTo(job.path("stage").asString());
    }
  }
}
