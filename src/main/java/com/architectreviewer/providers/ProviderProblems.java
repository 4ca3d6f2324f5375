package com.architectreviewer.providers;

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

/** The provider module's errors as RFC 9457 problems (also when the AI routes raise them). */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
class ProviderProblems {

  static final URI PROVIDER_NOT_CONFIGURED =
      URI.create("https://architect-reviewer.dev/problems/provider-not-configured");
  static final URI PROVIDER_UNAVAILABLE =
      URI.create("https://architect-reviewer.dev/problems/provider-unavailable");

  static final String HOW_TO_CONFIGURE =
      "No LLM provider is configured. Add one to reviewer.providers.catalogue (name, api-style"
          + " openai-chat or anthropic-messages, base-url, model, api-key-env) and set the"
          + " environment variable it names, e.g. REVIEWER_PROVIDERS_CATALOGUE_0_NAME=openai,"
          + " REVIEWER_PROVIDERS_CATALOGUE_0_API_STYLE=openai-chat,"
          + " REVIEWER_PROVIDERS_CATALOGUE_0_BASE_URL=https://api.openai.com/v1,"
          + " REVIEWER_PROVIDERS_CATALOGUE_0_MODEL=gpt-4o-mini,"
          + " REVIEWER_PROVIDERS_CATALOGUE_0_API_KEY_ENV=OPENAI_API_KEY and OPENAI_API_KEY=<key>;"
          + " or enable a disabled entry with PUT /api/v1/providers/{name}.";

  @ExceptionHandler(NoProviderConfigured.class)
  ResponseEntity<ProblemDetail> notConfigured(NoProviderConfigured e) {
    var problem =
        Problems.of(
            HttpStatus.SERVICE_UNAVAILABLE,
            PROVIDER_NOT_CONFIGURED,
            "No LLM provider configured",
            HOW_TO_CONFIGURE);
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  @ExceptionHandler(NoProviderAvailable.class)
  ResponseEntity<ProblemDetail> unavailable(NoProviderAvailable e) {
    long seconds = Math.max(1, e.retryAfter().toSeconds());
    var problem =
        Problems.of(
            HttpStatus.SERVICE_UNAVAILABLE,
            PROVIDER_UNAVAILABLE,
            "LLM providers unavailable",
            "Every configured LLM provider failed or is paused by its circuit breaker. Retry after "
                + seconds
                + " seconds.");
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  @ExceptionHandler(ProviderNotFound.class)
  ResponseEntity<ProblemDetail> notFound(ProviderNotFound e) {
    return problem(
        Problems.of(
            HttpStatus.NOT_FOUND,
            Problems.NOT_FOUND,
            "Not found",
            e.getMessage() + "; providers are added in reviewer.providers.catalogue."));
  }

  private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem) {
    return ResponseEntity.status(problem.getStatus())
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }
}
