package com.architectreviewer.ai;

import com.architectreviewer.security.Problems;
import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The AI routes' own problems. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
class AiProblems {

  static final URI QUOTA_EXCEEDED =
      URI.create("https://architect-reviewer.dev/problems/quota-exceeded");

  @ExceptionHandler(TokenBudgetExhausted.class)
  ResponseEntity<ProblemDetail> budgetExhausted(TokenBudgetExhausted e) {
    long seconds = Math.max(1, e.retryAfter().toSeconds());
    ProblemDetail problem =
        Problems.of(
            HttpStatus.TOO_MANY_REQUESTS,
            QUOTA_EXCEEDED,
            "AI token budget used",
            "This tenant used "
                + e.used()
                + " of its "
                + e.budget()
                + " AI tokens today (UTC). The budget renews in "
                + seconds
                + " seconds; cached explanations stay free.");
    problem.setProperty("used", e.used());
    problem.setProperty("budget", e.budget());
    return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
        .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }
}
