package com.architectreviewer.scan;

import com.architectreviewer.security.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Problem details for scan exceptions, wherever they are thrown. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
class ScanProblems {

  @ExceptionHandler(SourceNotAllowed.class)
  ProblemDetail sourceNotAllowed(SourceNotAllowed e) {
    return Problems.of(
        HttpStatus.UNPROCESSABLE_CONTENT,
        Problems.VALIDATION,
        "Scan source not allowed",
        e.getMessage());
  }
}
