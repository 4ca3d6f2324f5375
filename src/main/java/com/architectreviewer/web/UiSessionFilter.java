package com.architectreviewer.web;

import com.architectreviewer.security.BrowserSessions;
import com.architectreviewer.security.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards the UI pages: a page without a valid session redirects to sign-in; a form post without the
 * session's CSRF token is refused. The caller and the token are handed to the templates.
 */
class UiSessionFilter extends OncePerRequestFilter {

  static final String CSRF_ATTRIBUTE = "csrfToken";
  static final String CALLER_ATTRIBUTE = "uiCaller";

  private final BrowserSessions sessions;

  UiSessionFilter(BrowserSessions sessions) {
    this.sessions = sessions;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI();
    return !path.startsWith("/ui/") || path.equals("/ui/login") || path.startsWith("/ui/assets/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<Caller> caller = sessions.caller(request);
    if (caller.isEmpty()) {
      if ("GET".equals(request.getMethod())) {
        response.sendRedirect(
            "/ui/login?next=" + URLEncoder.encode(request.getRequestURI(), StandardCharsets.UTF_8));
      } else {
        response.sendError(HttpServletResponse.SC_FORBIDDEN, "Sign in first.");
      }
      return;
    }
    if (!"GET".equals(request.getMethod()) && !sessions.csrfValid(request)) {
      response.sendError(HttpServletResponse.SC_FORBIDDEN, "The form expired; reload the page.");
      return;
    }
    BrowserSessions.bind(request, caller.get());
    request.setAttribute(CALLER_ATTRIBUTE, caller.get());
    request.setAttribute(CSRF_ATTRIBUTE, sessions.csrfToken(request).orElseThrow());
    response.setHeader("Cache-Control", "no-store");
    chain.doFilter(request, response);
  }
}
