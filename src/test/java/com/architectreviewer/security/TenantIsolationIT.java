package com.architectreviewer.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.architectreviewer.testsupport.ApiClient;
import com.architectreviewer.testsupport.ApiEndpoints;
import com.architectreviewer.testsupport.ApiEndpoints.Endpoint;
import com.architectreviewer.testsupport.ApiPlatformTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
  void anotherTenantsRepositoryIsNotFoundOnEveryRepositoryEndpoint() throws Exception {
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
    var created =
        owner.postJson(
            "/api/v1/repositories", "{\"name\":\"secret-app\",\"path\":\"" + dir + "\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    String id = json.readTree(created.body()).get("id").asString();

    List<Endpoint> addressed =
        ApiEndpoints.of(mapping).stream()
            .filter(e -> e.pattern().startsWith("/api/v1/repositories/{"))
            .toList();
    assertThat(addressed)
        .extracting(Endpoint::toString)
        .contains("GET /api/v1/repositories/{id}", "DELETE /api/v1/repositories/{id}");
    var leaks = new ArrayList<String>();
    for (Endpoint endpoint : addressed) {
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
        "Tenant isolation: %d repository endpoints checked: %s%n", addressed.size(), addressed);

    assertThat(leaks).isEmpty();
    assertThat(intruder.get("/api/v1/repositories").body())
        .doesNotContain(id)
        .doesNotContain("secret-app");
    var stillThere = owner.get("/api/v1/repositories/" + id);
    assertThat(stillThere.statusCode()).isEqualTo(200);
    assertThat(owner.get("/api/v1/repositories").body()).contains(id);
  }
}
