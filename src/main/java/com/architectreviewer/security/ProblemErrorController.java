package com.architectreviewer.security;

import com.architectreviewer.observability.ErrorReporting;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import tools.jackson.databind.ObjectMapper;

/**
 * The container's error page ({@code /error}): errors that never reached a controller (a filter
 * failed, the container refused the request) are problem+json too, whatever the client accepts, and
 * never carry the exception's message.
 */
@Controller
class ProblemErrorController implements ErrorController {

  private final ObjectMapper json;
  private final ErrorReporting errors;

  ProblemErrorController(ObjectMapper json, ErrorReporting errors) {
    this.json = json;
    this.errors = errors;
  }

  @RequestMapping("${server.error.path:/error}")
  void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
    HttpStatus status = status(request);
    var problem =
        Problems.of(status, Problems.forStatus(status), status.getReasonPhrase(), detail(status));
    if (status.is5xxServerError()) {
      Object error = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
      Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
      String errorId =
          errors.report(
              error instanceof Throwable t
                  ? t
                  : new IllegalStateException("HTTP " + status.value() + " outside a controller"),
              "error page for " + uri);
      problem.setDetail(detail(status) + " Quote error id " + errorId + ".");
      problem.setProperty("errorId", errorId);
    }
    Object requestUri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    problem.setInstance(requestUri instanceof String path ? Problems.instance(path) : null);
    if (!response.isCommitted()) {
      response.resetBuffer();
      response.setStatus(status.value());
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      json.writeValue(response.getOutputStream(), problem);
    }
  }

  private static HttpStatus status(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status =
        code instanceof Integer value ? HttpStatus.resolve(value) : HttpStatus.NOT_FOUND;
    return status == null || status.value() < 400 ? HttpStatus.INTERNAL_SERVER_ERROR : status;
  }

  private static String detail(HttpStatus status) {
    return switch (status) {
      case NOT_FOUND -> "No such resource.";
      case CONTENT_TOO_LARGE -> "The request body is larger than the server accepts.";
      case BAD_REQUEST -> "The request is malformed.";
      default ->
          status.is5xxServerError()
              ? "The server failed to answer this request."
              : "The request was refused.";
    };
  }
}
