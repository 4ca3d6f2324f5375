package com.architectreviewer.observability;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is a sane token, a new one
 * otherwise. The id is on every log line of the request (MDC {@code requestId}), in the response
 * header, and on error-tracking events.
 */
class RequestIdFilter extends OncePerRequestFilter {

  static final String HEADER = "X-Request-Id";
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String offered = request.getHeader(HEADER);
    String requestId =
        offered != null && SANE.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    response.setHeader(HEADER, requestId);
    try (var ignored = MDC.putCloseable(LogContext.REQUEST_ID, requestId)) {
      chain.doFilter(request, response);
    }
  }

  @Override
  protected boolean shouldNotFilterAsyncDispatch() {
    return false;
  }
}
