package com.architectreviewer.observability;

import io.sentry.IScopes;
import io.sentry.protocol.SentryId;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Reports an unexpected error once: to Sentry when {@code SENTRY_DSN} is set, and to the log, under
 * one id that the caller hands back to the client (a 500's problem+json carries it), so a user's
 * report leads to the event.
 */
@Component
public class ErrorReporting {

  private static final Logger log = LoggerFactory.getLogger(ErrorReporting.class);

  private final ObjectProvider<IScopes> sentry;

  ErrorReporting(ObjectProvider<IScopes> sentry) {
    this.sentry = sentry;
  }

  /** Records the error and returns its id. */
  public String report(Throwable error, String where) {
    IScopes scopes = sentry.getIfAvailable();
    String id = null;
    if (scopes != null && scopes.isEnabled()) {
      SentryId sentryId = scopes.captureException(error);
      if (!SentryId.EMPTY_ID.equals(sentryId)) {
        id = sentryId.toString();
      }
    }
    if (id == null) {
      id = UUID.randomUUID().toString().replace("-", "");
    }
    log.error(
        "Unexpected error {} in {}; reported under this id", id, where, Redaction.redact(error));
    return id;
  }
}
