package com.architectreviewer.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.ObjectMapper;

/**
 * Refuses a malformed query string (a chunk without a name such as {@code ?=x}, broken
 * percent-encoding such as {@code ?a=%zz}) with a 400 validation problem before anything reads
 * parameters. Tomcat raises its parse error on the first read of a parameter, wherever that happens
 * (argument resolution, error handling, metrics), which otherwise ends as a 500 from the error
 * page.
 */
class QueryStringFilter extends OncePerRequestFilter {

  private final ObjectMapper json;

  QueryStringFilter(ObjectMapper json) {
    this.json = json;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (wellFormed(request.getQueryString())) {
      chain.doFilter(request, response);
      return;
    }
    ProblemDetail problem =
        ProblemHandling.validation(
            List.of(new InvalidField("query", "is not a well-formed query string")));
    problem.setInstance(URI.create(request.getRequestURI()));
    response.setStatus(problem.getStatus());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), problem);
  }

  static boolean wellFormed(String query) {
    if (query == null || query.isEmpty()) {
      return true;
    }
    for (String chunk : query.split("&", -1)) {
      if (chunk.isEmpty()) {
        continue;
      }
      int equals = chunk.indexOf('=');
      String name = equals < 0 ? chunk : chunk.substring(0, equals);
      if (name.isEmpty()) {
        return false;
      }
      try {
        URLDecoder.decode(chunk, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
    return true;
  }
}
