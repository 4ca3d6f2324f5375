package com.architectreviewer.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.architectreviewer.testsupport.ApiClient;
import com.architectreviewer.testsupport.PlatformTest;
import com.architectreviewer.testsupport.Tenants;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** The in-process limiter: quotas, the IETF headers, 429 problems, per-key and per-IP buckets. */
@PlatformTest
@TestPropertySource(
    properties = {
      "reviewer.security.rate-limits.general.quota=6",
      "reviewer.security.rate-limits.general.window=1m",
      "reviewer.security.rate-limits.scans.quota=2",
      "reviewer.security.rate-limits.unauthenticated.quota=3"
    })
class RateLimitIT {

  @LocalServerPort int port;
  @Autowired ApiKeys keys;

  @Test
  void theGeneralQuotaHoldsPerKeyWithHeadersAndA429Problem() {
    var tenants = new Tenants(keys);
    var api = new ApiClient(port, tenants.newKey(Caller.Role.MEMBER));

    for (int i = 1; i <= 6; i++) {
      var response = api.get("/api/v1/repositories");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("RateLimit-Policy"))
          .hasValue("\"general\";q=6;w=60");
      assertThat(response.headers().firstValue("RateLimit").orElseThrow())
          .startsWith("\"general\";r=" + (6 - i) + ";t=");
    }
    var refused = api.get("/api/v1/repositories");

    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(refused.body())
        .contains("/problems/rate-limited")
        .contains("\"policy\":\"general\"");
    long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfter).isBetween(1L, 60L);
    assertThat(refused.headers().firstValue("RateLimit").orElseThrow())
        .startsWith("\"general\";r=0;t=");
    // Another key of the same tenant has its own bucket.
    var other = new ApiClient(port, tenants.newKey(Caller.Role.MEMBER));
    assertThat(other.get("/api/v1/repositories").statusCode()).isEqualTo(200);
  }

  @Test
  void scanCreationHasItsOwnStricterBucket() {
    var api = new ApiClient(port, new Tenants(keys).newKey(Caller.Role.MEMBER));
    String path = "/api/v1/repositories/" + UUID.randomUUID() + "/scans";

    HttpResponse<String> first = api.postJson(path, "{}");
    HttpResponse<String> second = api.postJson(path, "{}");
    HttpResponse<String> third = api.postJson(path, "{}");

    assertThat(first.statusCode()).isEqualTo(404);
    assertThat(first.headers().firstValue("RateLimit-Policy"))
        .hasValue("\"general\";q=6;w=60, \"scans\";q=2;w=60");
    assertThat(second.statusCode()).isEqualTo(404);
    assertThat(third.statusCode()).isEqualTo(429);
    assertThat(third.body()).contains("\"policy\":\"scans\"");
    assertThat(api.get("/api/v1/repositories").statusCode()).isEqualTo(200);
  }

  @Test
  void requestsWithoutAValidKeyAreLimitedPerClientAddress() {
    var guesser = new ApiClient(port, "rvw_00000000_" + "0".repeat(64));

    for (int i = 0; i < 3; i++) {
      assertThat(guesser.get("/api/v1/repositories").statusCode()).isEqualTo(401);
    }
    var refused = guesser.get("/api/v1/repositories");

    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    assertThat(refused.body()).contains("\"policy\":\"unauthenticated\"");
  }
}
