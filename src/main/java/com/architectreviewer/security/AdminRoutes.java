package com.architectreviewer.security;

import java.util.List;
import org.springframework.http.server.PathContainer;

/**
 * The API routes only admin keys may call. Enforced in the authentication filter, so a new admin
 * endpoint is protected by being listed here even if its controller forgets {@link
 * Caller#requireAdmin()}.
 */
final class AdminRoutes {

  private static final List<RateLimitRoutes.Route> ROUTES =
      List.of(
          new RateLimitRoutes.Route("PUT", "/api/v1/providers/{name}"),
          new RateLimitRoutes.Route("DELETE", "/api/v1/providers/{name}"),
          new RateLimitRoutes.Route("GET", "/api/v1/stats"),
          new RateLimitRoutes.Route(null, "/api/v1/admin/**"));

  private AdminRoutes() {}

  static boolean matches(String method, String path) {
    var container = PathContainer.parsePath(path);
    return ROUTES.stream().anyMatch(route -> route.matches(method, container));
  }
}
