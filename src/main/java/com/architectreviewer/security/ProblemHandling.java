package com.architectreviewer.security;

import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

  private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);

  @ExceptionHandler(Exception.class)
  ProblemDetail unexpected(Exception e) {
    String errorId = UUID.randomUUID().toString();
    log.error("Unhandled error {}; the client got a 500 with this id", errorId, e);
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
