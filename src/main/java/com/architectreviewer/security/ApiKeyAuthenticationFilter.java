package com.architectreviewer.security;

import com.architectreviewer.observability.LogContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.ObjectMapper;

/**
 * Requires {@code Authorization: Bearer <api key>} on every {@code /api/} request. Requests without
 * a valid key are rate limited per client address before they get their 401, so key guessing is
 * slow; member keys get 403 on {@link AdminRoutes}.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

  static final String CALLER_ATTRIBUTE = Caller.class.getName();

  private final ApiKeys apiKeys;
  private final ObjectMapper json;
  private final RateLimiter limiter;
  private final RateLimitRoutes routes;
  private final KeyUsage usage;
  private final BrowserSessions sessions;

  ApiKeyAuthenticationFilter(
      ApiKeys apiKeys,
      ObjectMapper json,
      RateLimiter limiter,
      RateLimitRoutes routes,
      KeyUsage usage,
      BrowserSessions sessions) {
    this.sessions = sessions;
    this.apiKeys = apiKeys;
    this.json = json;
    this.limiter = limiter;
    this.routes = routes;
    this.usage = usage;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith("/api/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    Optional<Caller> caller =
        header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
            ? apiKeys.authenticate(header.substring(7).trim())
            : fromBrowserSession(request);
    if (caller.isEmpty()) {
      if (limiter.admit(
          "ip:" + request.getRemoteAddr(),
          List.of(routes.unauthenticated()),
          request.getRequestURI(),
          response)) {
        reject(request, response);
      }
      return;
    }
    usage.used(caller.get().keyId());
    if (!caller.get().isAdmin()
        && AdminRoutes.matches(request.getMethod(), request.getRequestURI())) {
      write(
          request,
          response,
          Problems.of(
              HttpStatus.FORBIDDEN,
              Problems.FORBIDDEN,
              "Forbidden",
              "This endpoint needs an admin key."));
      return;
    }
    request.setAttribute(CALLER_ATTRIBUTE, caller.get());
    try (var tenant = LogContext.put(LogContext.TENANT_ID, caller.get().tenantId().toString())) {
      chain.doFilter(request, response);
    }
  }

  /**
   * The web UI's pages call the API with their session cookie instead of a key; unsafe methods must
   * also carry the session's CSRF token.
   */
  private Optional<Caller> fromBrowserSession(HttpServletRequest request) {
    Optional<Caller> caller = sessions.caller(request);
    boolean safe =
        switch (request.getMethod()) {
          case "GET", "HEAD", "OPTIONS" -> true;
          default -> false;
        };
    return caller.isPresent() && (safe || sessions.csrfValid(request)) ? caller : Optional.empty();
  }

  private void reject(HttpServletRequest request, HttpServletResponse response) throws IOException {
    response.setHeader("WWW-Authenticate", "Bearer");
    write(
        request,
        response,
        Problems.of(
            HttpStatus.UNAUTHORIZED,
            Problems.UNAUTHORIZED,
            "Unauthorized",
            "Send a valid API key as 'Authorization: Bearer <key>'."));
  }

  private void write(
      HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
      throws IOException {
    problem.setInstance(Problems.instance(request.getRequestURI()));
    response.setStatus(problem.getStatus());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), problem);
  }
}
