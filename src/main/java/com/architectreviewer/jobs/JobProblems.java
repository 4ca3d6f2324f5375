package com.architectreviewer.jobs;

import com.architectreviewer.security.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Problem details for the job exceptions, wherever they are thrown (the portfolio's scan endpoint
 * gets {@link IdempotencyKeyReused} from here too). Ordered before the global fallback.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
class JobProblems {

  @ExceptionHandler(JobNotFound.class)
  ProblemDetail notFound(JobNotFound e) {
    return Problems.of(HttpStatus.NOT_FOUND, Problems.NOT_FOUND, "Job not found", e.getMessage());
  }

  @ExceptionHandler(JobStateConflict.class)
  ProblemDetail conflict(JobStateConflict e) {
    return Problems.of(
        HttpStatus.CONFLICT, Problems.JOB_STATE_CONFLICT, "Job state conflict", e.getMessage());
  }

  @ExceptionHandler(IdempotencyKeyReused.class)
  ProblemDetail keyReused(IdempotencyKeyReused e) {
    return Problems.of(
        HttpStatus.UNPROCESSABLE_CONTENT,
        Problems.IDEMPOTENCY_KEY_REUSED,
        "Idempotency key reused",
        e.getMessage());
  }

  @ExceptionHandler(JobController.InvalidLastEventId.class)
  ProblemDetail badLastEventId(JobController.InvalidLastEventId e) {
    return Problems.of(
        HttpStatus.BAD_REQUEST, Problems.VALIDATION, "Invalid Last-Event-ID", e.getMessage());
  }
}
