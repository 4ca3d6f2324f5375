package com.architectreviewer.db;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a rejected database setting into a startup report that says what to change. */
class DatabaseFailureAnalyzer extends AbstractFailureAnalyzer<DatabaseUrlRejected> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, DatabaseUrlRejected cause) {
    return new FailureAnalysis(
        cause.getMessage(),
        "Change "
            + cause.setting()
            + " and start again. DATABASE_URL takes postgres://user:password@host:5432/database"
            + "?sslmode=&schema=&connection_limit=&pool_timeout=&connect_timeout=&pgbouncer="
            + "&application_name= or a jdbc:postgresql:// URL; unset it for the embedded default.",
        cause);
  }
}
