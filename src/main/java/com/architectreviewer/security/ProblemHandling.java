package com.architectreviewer.security;

import com.architectreviewer.observability.ErrorReporting;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error is problem+json. Spring MVC's own exceptions get their standard problem details;
 * anything unexpected becomes a 500 that carries only an error id, never the exception's message or
 * stack trace.
 */
@RestControllerAdvice
class ProblemHandling extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);

  private final ErrorReporting errors;

  ProblemHandling(ErrorReporting errors) {
    this.errors = errors;
  }

  @ExceptionHandler(Exception.class)
  ProblemDetail unexpected(Exception e, HttpServletRequest request, HttpServletResponse response) {
    if (DatabaseUnavailable.isCause(e)) {
      // A lost connection can surface wrapped, e.g. as "JDBC rollback failed" after the pooler
      // restarted mid-transaction: still the database, so 503 + Retry-After, not 500.
      log.warn("Database unavailable, answered 503: {}", e.getClass().getSimpleName());
      response.setHeader(
          HttpHeaders.RETRY_AFTER, Integer.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS));
      return DatabaseUnavailable.problem();
    }
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

  @ExceptionHandler(InvalidInput.class)
  ProblemDetail invalidInput(InvalidInput e) {
    return validation(e.errors());
  }

  @ExceptionHandler(ResourceNotFound.class)
  ProblemDetail notFound(ResourceNotFound e) {
    return Problems.of(HttpStatus.NOT_FOUND, Problems.NOT_FOUND, "Not found", e.getMessage() + ".");
  }

  @ExceptionHandler(AdminRoleRequired.class)
  ProblemDetail adminRoleRequired(AdminRoleRequired e) {
    return Problems.of(
        HttpStatus.FORBIDDEN, Problems.FORBIDDEN, "Forbidden", "This endpoint needs an admin key.");
  }

  /** Tomcat refuses to parse a malformed query string ({@code ?=x}, {@code ?%zz}) on first use. */
  @ExceptionHandler(InvalidParameterException.class)
  ProblemDetail malformedQuery(InvalidParameterException e) {
    return validation(List.of(new InvalidField("query", "is not a well-formed query string")));
  }

  @ExceptionHandler(MultipartException.class)
  ProblemDetail malformedMultipart(MultipartException e) {
    return validation(
        List.of(new InvalidField(FieldErrors.BODY, "is not a well-formed multipart body")));
  }

  /** The validation problem: 400, stable type, and the per-field {@code errors} list. */
  static ProblemDetail validation(List<InvalidField> errors) {
    var problem =
        Problems.of(
            HttpStatus.BAD_REQUEST,
            Problems.VALIDATION,
            "Invalid request",
            "The request has invalid fields; see 'errors'.");
    problem.setProperty("errors", errors);
    return problem;
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    return badRequest(e, FieldErrors.of(e.getBindingResult()), headers, request);
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    return badRequest(e, FieldErrors.of(e), headers, request);
  }

  @Override
  protected ResponseEntity<Object> handleTypeMismatch(
      TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return badRequest(e, List.of(FieldErrors.of(e)), headers, request);
  }

  @Override
  protected ResponseEntity<Object> handleMissingServletRequestParameter(
      MissingServletRequestParameterException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    return badRequest(
        e, List.of(new InvalidField(e.getParameterName(), "is required")), headers, request);
  }

  @Override
  protected ResponseEntity<Object> handleMissingServletRequestPart(
      MissingServletRequestPartException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    return badRequest(
        e, List.of(new InvalidField(e.getRequestPartName(), "is required")), headers, request);
  }

  @Override
  protected ResponseEntity<Object> handleServletRequestBindingException(
      ServletRequestBindingException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    String field =
        e instanceof MissingRequestHeaderException header ? header.getHeaderName() : "request";
    return badRequest(e, List.of(new InvalidField(field, "is required")), headers, request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    if (BodyLimitFilter.BodyTooLarge.isCauseOf(e)) {
      var problem = BodyLimitFilter.tooLarge();
      return handleExceptionInternal(e, problem, headers, HttpStatus.CONTENT_TOO_LARGE, request);
    }
    return badRequest(e, List.of(FieldErrors.of(e)), headers, request);
  }

  private ResponseEntity<Object> badRequest(
      Exception e, List<InvalidField> errors, HttpHeaders headers, WebRequest request) {
    return handleExceptionInternal(e, validation(errors), headers, HttpStatus.BAD_REQUEST, request);
  }

  /** Gives every framework problem a stable type instead of {@code about:blank}. */
  @Override
  protected ResponseEntity<Object> createResponseEntity(
      Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    if (body instanceof ProblemDetail problem
        && (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
      problem.setType(Problems.forStatus(status));
    }
    return super.createResponseEntity(body, headers, status, request);
  }
}
