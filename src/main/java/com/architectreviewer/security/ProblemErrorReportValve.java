package com.architectreviewer.security;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's own error report (requests the container refuses before the application sees them: an
 * encoded {@code /} or a NUL in the path, a malformed request line) as problem+json instead of an
 * HTML page. Never includes the exception or the server's version.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0) {
      return;
    }
    HttpStatus resolved = HttpStatus.resolve(status);
    String title = resolved == null ? "Error" : resolved.getReasonPhrase();
    String body =
        "{\"type\":\""
            + Problems.forStatus(resolved == null ? HttpStatus.BAD_REQUEST : resolved)
            + "\",\"title\":\""
            + title
            + "\",\"status\":"
            + status
            + ",\"detail\":\"The server refused the request before reading it.\"}";
    try {
      response.setContentType("application/problem+json");
      response.setCharacterEncoding("UTF-8");
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(body);
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // The client went away or the response was committed meanwhile: nothing left to tell it.
    }
  }
}
