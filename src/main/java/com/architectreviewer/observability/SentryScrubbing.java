package com.architectreviewer.observability;

import io.sentry.Hint;
import io.sentry.SentryEvent;
import io.sentry.SentryOptions;
import io.sentry.protocol.Request;
import io.sentry.protocol.SentryException;
import java.util.Locale;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Removes secrets from an event before it leaves the process: credentials headers, cookies, query
 * strings, and any API key, provider key, bearer token or URL password that found its way into a
 * message; and tags the event with the request, tenant and job it belongs to.
 */
final class SentryScrubbing implements SentryOptions.BeforeSendCallback {

  private static final java.util.Set<String> SECRET_HEADERS =
      java.util.Set.of("authorization", "cookie", "set-cookie", "x-api-key", "proxy-authorization");

  @Override
  public SentryEvent execute(SentryEvent event, Hint hint) {
    tag(event, LogContext.REQUEST_ID, "request_id");
    tag(event, LogContext.TENANT_ID, "tenant_id");
    tag(event, LogContext.JOB_ID, "job_id");
    scrubRequest(event.getRequest());
    if (event.getMessage() != null && event.getMessage().getFormatted() != null) {
      event.getMessage().setFormatted(scrub(event.getMessage().getFormatted()));
    }
    if (event.getMessage() != null && event.getMessage().getMessage() != null) {
      event.getMessage().setMessage(scrub(event.getMessage().getMessage()));
    }
    if (event.getExceptions() != null) {
      for (SentryException exception : event.getExceptions()) {
        if (exception.getValue() != null) {
          exception.setValue(scrub(exception.getValue()));
        }
      }
    }
    return event;
  }

  static String scrub(String text) {
    return Redaction.redact(text);
  }

  private static void tag(SentryEvent event, String mdcKey, String tag) {
    String value = MDC.get(mdcKey);
    if (value != null) {
      event.setTag(tag, value);
    }
  }

  private static void scrubRequest(Request request) {
    if (request == null) {
      return;
    }
    request.setCookies(null);
    request.setQueryString(null);
    request.setData(null);
    Map<String, String> headers = request.getHeaders();
    if (headers != null) {
      headers.replaceAll((name, value) ->
          SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT))
              ? Redaction.REDACTED
              : scrub(value));
    }
    if (request.getUrl() != null) {
      request.setUrl(scrub(request.getUrl()));
    }
  }
}
