package com.architectreviewer.security;

import com.architectreviewer.observability.ErrorReporting;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error is problem+json. Spring MVC's own exceptions get their standard problem details;
 * anything unexpected becomes a 500 that carries only an error id, never the exception's message or
 * stack trace.
 */
@RestControllerAdvice
class ProblemHandling extends ResponseEntityExceptionHandler {

  private final ErrorReporting errors;

  ProblemHandling(ErrorReporting errors) {
    this.errors = errors;
  }

  @ExceptionHandler(Exception.class)
  ProblemDetail unexpected(Exception e, HttpServletRequest request) {
    String errorId = errors.report(e, request.getMethod() + " " + request.getRequestURI());
    var problem =
        Problems.of(
            HttpStatus.INTERNAL_SERVER_ERROR,
            Problems.INTERNAL,
            "Internal error",
            "The server failed to answer this request. Quote error id " + errorId + ".");
    problem.setProperty("errorId", errorId);
    return problem;
  }
}
