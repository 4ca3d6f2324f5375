package com.architectreviewer.security;

import java.util.List;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Which policies a request counts against: every API request against {@code general}; scan creation
 * also against {@code scans}; AI routes also against the per-minute and per-day AI buckets.
 */
final class RateLimitRoutes {

  private static final List<Route> SCAN_CREATION =
      List.of(
          new Route("POST", "/api/v1/repositories/{id}/scans"),
          new Route("POST", "/api/v1/scans"),
          new Route("POST", "/api/v1/portfolio/ingest"),
          new Route("POST", "/api/v1/jobs/{id}/retry"));
  private static final List<Route> AI =
      List.of(new Route("POST", "/api/v1/findings/{id}/explain"), new Route(null, "/api/v1/ai/**"));

  private final List<RateLimitPolicy> general;
  private final List<RateLimitPolicy> scans;
  private final List<RateLimitPolicy> ai;
  private final RateLimitPolicy unauthenticated;

  RateLimitRoutes(SecurityProperties.RateLimits limits) {
    var generalPolicy = RateLimitPolicy.of("general", limits.general());
    this.general = List.of(generalPolicy);
    this.scans = List.of(generalPolicy, RateLimitPolicy.of("scans", limits.scans()));
    this.ai =
        List.of(
            generalPolicy,
            RateLimitPolicy.of("ai-minute", limits.aiPerMinute()),
            RateLimitPolicy.of("ai-day", limits.aiPerDay()));
    this.unauthenticated = RateLimitPolicy.of("unauthenticated", limits.unauthenticated());
  }

  List<RateLimitPolicy> policiesFor(String method, String path) {
    var container = PathContainer.parsePath(path);
    if (AI.stream().anyMatch(route -> route.matches(method, container))) {
      return ai;
    }
    if (SCAN_CREATION.stream().anyMatch(route -> route.matches(method, container))) {
      return scans;
    }
    return general;
  }

  RateLimitPolicy unauthenticated() {
    return unauthenticated;
  }

  /** A method (null: any) and a path pattern. */
  record Route(String method, PathPattern pattern) {
    Route(String method, String pattern) {
      this(method, PathPatternParser.defaultInstance.parse(pattern));
    }

    boolean matches(String requestMethod, PathContainer path) {
      return (method == null || method.equalsIgnoreCase(requestMethod)) && pattern.matches(path);
    }
  }
}
