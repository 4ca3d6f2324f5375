package com.architectreviewer.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateLimitRoutesTest {

  final RateLimitRoutes routes = new RateLimitRoutes(SecurityProperties.RateLimits.defaults());

  @Test
  void scanCreationAndAiRoutesAddTheirPoliciesToTheGeneralOne() {
    assertThat(routes.policiesFor("GET", "/api/v1/repositories"))
        .extracting(RateLimitPolicy::name)
        .containsExactly("general");
    assertThat(routes.policiesFor("POST", "/api/v1/repositories/abc/scans"))
        .extracting(RateLimitPolicy::name)
        .containsExactly("general", "scans");
    assertThat(routes.policiesFor("POST", "/api/v1/scans"))
        .extracting(RateLimitPolicy::name)
        .containsExactly("general", "scans");
    assertThat(routes.policiesFor("POST", "/api/v1/findings/f1/explain"))
        .extracting(RateLimitPolicy::name)
        .containsExactly("general", "ai-minute", "ai-day");
  }

  @Test
  void encodedPathsMatchAsSpringMvcRoutesThem() {
    assertThat(routes.policiesFor("POST", "/api/v1/%73cans"))
        .extracting(RateLimitPolicy::name)
        .contains("scans");
    assertThat(AdminRoutes.matches("GET", "/api/v1/%73tats")).isTrue();
    assertThat(AdminRoutes.matches("GET", "/api/v1/stats;x=1")).isTrue();
    assertThat(AdminRoutes.matches("GET", "/api/v1/repositories")).isFalse();
  }

  @Test
  void policiesRenderAsIetfStructuredFields() {
    assertThat(
            RateLimitPolicy.of("ai-day", SecurityProperties.RateLimits.DEFAULT_AI_PER_DAY)
                .policyItem())
        .isEqualTo("\"ai-day\";q=200;w=86400");
    assertThat(new Consumption(false, 0, 1_500_000_000L, 59_000_000_001L).secondsToRefill())
        .isEqualTo(2);
    assertThat(new Consumption(true, 5, 0, 0).secondsToRefill()).isEqualTo(1);
    assertThat(new Consumption(true, 5, 0, 59_000_000_001L).secondsToReset()).isEqualTo(60);
  }
}
