package com.architectreviewer.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.sql.SQLTransientConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.ObjectMapper;

/**
 * Maps "database unavailable" to 503 + {@code Retry-After}: in controllers (this advice, ahead of
 * the global fallback) and in filters that touch the database, such as API-key authentication (the
 * filter registered here, outermost).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseUnavailableHandling {

  private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableHandling.class);

  @ExceptionHandler({
    DataAccessResourceFailureException.class,
    TransientDataAccessResourceException.class,
    CannotCreateTransactionException.class,
    SQLTransientConnectionException.class
  })
  ResponseEntity<ProblemDetail> databaseUnavailable(Exception e) {
    log.warn("Database unavailable, answered 503: {}", e.getClass().getSimpleName());
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, Integer.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS))
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(DatabaseUnavailable.problem());
  }

  @Bean
  FilterRegistrationBean<DatabaseUnavailableFilter> databaseUnavailableFilter(ObjectMapper json) {
    var registration = new FilterRegistrationBean<>(new DatabaseUnavailableFilter(json));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    registration.addUrlPatterns("/*");
    return registration;
  }

  /** Catches database failures that happen before (or outside) Spring MVC. */
  static final class DatabaseUnavailableFilter extends OncePerRequestFilter {

    private final ObjectMapper json;

    DatabaseUnavailableFilter(ObjectMapper json) {
      this.json = json;
    }

    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      try {
        chain.doFilter(request, response);
      } catch (RuntimeException | ServletException e) {
        if (!DatabaseUnavailable.isCause(e) || response.isCommitted()) {
          throw e;
        }
        log.warn("Database unavailable, answered 503: {}", e.getClass().getSimpleName());
        response.resetBuffer();
        ProblemDetail problem = DatabaseUnavailable.problem();
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setHeader(
            HttpHeaders.RETRY_AFTER, Integer.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
      }
    }
  }
}
