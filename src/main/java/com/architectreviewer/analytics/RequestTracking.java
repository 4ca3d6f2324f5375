package com.architectreviewer.analytics;

import com.architectreviewer.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Set;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * After every authenticated API request: marks its key active, records an {@code api.request}
 * product event, and an audit entry for requests that change something. All of it in memory; the
 * request never waits for the writes.
 */
final class RequestTracking implements HandlerInterceptor {

  private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

  private final ActiveUsers activeUsers;
  private final NonCriticalWrites writes;

  RequestTracking(ActiveUsers activeUsers, NonCriticalWrites writes) {
    this.activeUsers = activeUsers;
    this.writes = writes;
  }

  @Override
  public void afterCompletion(
      HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
    // The security module stores the authenticated caller under its class name.
    if (!(request.getAttribute(Caller.class.getName()) instanceof Caller caller)) {
      return;
    }
    activeUsers.mark(caller.tenantId(), caller.keyId());
    // The route pattern, never the raw URL or query: low cardinality and nothing secret.
    Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
    String route = pattern == null ? "unmatched" : pattern.toString();
    String status = Integer.toString(response.getStatus());
    String method = request.getMethod();
    writes.event(
        caller.tenantId(),
        caller.keyId(),
        "api.request",
        Map.of("method", method, "route", route, "status", status));
    if (!READS.contains(method)) {
      writes.audit(
          caller.tenantId(),
          caller.keyId(),
          method + " " + route,
          request.getRequestURI(),
          Map.of("status", status));
    }
  }
}
