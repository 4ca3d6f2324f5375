package com.architectreviewer.security;

import java.net.URI;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Stable RFC 9457 {@code type} URIs, one per kind of error, and a factory for problem details. */
public final class Problems {

  private static final String BASE = "https://architect-reviewer.dev/problems/";

  public static final URI UNAUTHORIZED = URI.create(BASE + "unauthorized");
  public static final URI FORBIDDEN = URI.create(BASE + "forbidden");
  public static final URI NOT_FOUND = URI.create(BASE + "not-found");
  public static final URI VALIDATION = URI.create(BASE + "validation");
  public static final URI MALFORMED_REQUEST = URI.create(BASE + "malformed-request");
  public static final URI PAYLOAD_TOO_LARGE = URI.create(BASE + "payload-too-large");
  public static final URI METHOD_NOT_ALLOWED = URI.create(BASE + "method-not-allowed");
  public static final URI UNSUPPORTED_MEDIA_TYPE = URI.create(BASE + "unsupported-media-type");
  public static final URI NOT_ACCEPTABLE = URI.create(BASE + "not-acceptable");
  public static final URI UNPROCESSABLE = URI.create(BASE + "unprocessable");
  public static final URI CONFLICT = URI.create(BASE + "conflict");
  public static final URI RATE_LIMITED = URI.create(BASE + "rate-limited");
  public static final URI DATABASE_UNAVAILABLE = URI.create(BASE + "database-unavailable");
  public static final URI INTERNAL = URI.create(BASE + "internal");
  public static final URI IDEMPOTENCY_KEY_REUSED = URI.create(BASE + "idempotency-key-reused");
  public static final URI JOB_STATE_CONFLICT = URI.create(BASE + "job-state-conflict");
  public static final URI ARCHIVE_REJECTED = URI.create(BASE + "archive-rejected");

  private Problems() {}

  /**
   * The stable type for a status when no more specific kind applies: every problem the platform
   * answers carries one of these URIs, never {@code about:blank}.
   */
  public static URI forStatus(HttpStatusCode status) {
    return switch (status.value()) {
      case 400 -> MALFORMED_REQUEST;
      case 401 -> UNAUTHORIZED;
      case 403 -> FORBIDDEN;
      case 404 -> NOT_FOUND;
      case 405 -> METHOD_NOT_ALLOWED;
      case 406 -> NOT_ACCEPTABLE;
      case 409 -> CONFLICT;
      case 413 -> PAYLOAD_TOO_LARGE;
      case 415 -> UNSUPPORTED_MEDIA_TYPE;
      case 422 -> UNPROCESSABLE;
      case 429 -> RATE_LIMITED;
      case 503 -> DATABASE_UNAVAILABLE;
      default -> status.is4xxClientError() ? MALFORMED_REQUEST : INTERNAL;
    };
  }

  /** The request path as a problem's {@code instance}, or null when it is not a valid URI. */
  public static URI instance(String requestUri) {
    try {
      return requestUri == null ? null : URI.create(requestUri);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  public static ProblemDetail of(HttpStatusCode status, URI type, String title, String detail) {
    var problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(type);
    problem.setTitle(title);
    return problem;
  }
}
