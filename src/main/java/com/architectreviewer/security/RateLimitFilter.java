package com.architectreviewer.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rate limits authenticated API requests per API key; runs after {@link ApiKeyAuthenticationFilter}
 * (which limits the unauthenticated ones per client address).
 */
class RateLimitFilter extends OncePerRequestFilter {

  private final RateLimiter limiter;
  private final RateLimitRoutes routes;

  RateLimitFilter(RateLimiter limiter, RateLimitRoutes routes) {
    this.limiter = limiter;
    this.routes = routes;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith("/api/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getAttribute(ApiKeyAuthenticationFilter.CALLER_ATTRIBUTE) instanceof Caller caller
        && !limiter.admit(
            "key:" + caller.keyId(),
            routes.policiesFor(request.getMethod(), request.getRequestURI()),
            request.getRequestURI(),
            response)) {
      return;
    }
    chain.doFilter(request, response);
  }
}
