package com.architectreviewer.security;

import com.architectreviewer.observability.LogContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.ObjectMapper;

/** Requires {@code Authorization: Bearer <api key>} on every {@code /api/} request. */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

  static final String CALLER_ATTRIBUTE = Caller.class.getName();

  private final ApiKeys apiKeys;
  private final ObjectMapper json;

  ApiKeyAuthenticationFilter(ApiKeys apiKeys, ObjectMapper json) {
    this.apiKeys = apiKeys;
    this.json = json;
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
    var caller =
        header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
            ? apiKeys.authenticate(header.substring(7).trim())
            : java.util.Optional.<Caller>empty();
    if (caller.isEmpty()) {
      reject(request, response);
      return;
    }
    request.setAttribute(CALLER_ATTRIBUTE, caller.get());
    try (var tenant = LogContext.put(LogContext.TENANT_ID, caller.get().tenantId().toString())) {
      chain.doFilter(request, response);
    }
  }

  private void reject(HttpServletRequest request, HttpServletResponse response) throws IOException {
    ProblemDetail problem =
        Problems.of(
            HttpStatus.UNAUTHORIZED,
            Problems.UNAUTHORIZED,
            "Unauthorized",
            "Send a valid API key as 'Authorization: Bearer <key>'.");
    problem.setInstance(java.net.URI.create(request.getRequestURI()));
    response.setStatus(HttpStatus.UNAUTHORIZED.value());
    response.setHeader("WWW-Authenticate", "Bearer");
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), problem);
  }
}
