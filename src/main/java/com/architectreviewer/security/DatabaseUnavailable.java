package com.architectreviewer.security;

import com.architectreviewer.db.SqlStates;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * The database could not serve a request: no pooled connection within the pool timeout (Prisma's
 * P2024), the server unreachable, or the connection lost. The client gets 503 with {@code
 * Retry-After}, never a 500: the request may well succeed a moment later.
 */
final class DatabaseUnavailable {

  static final int RETRY_AFTER_SECONDS = 2;

  private DatabaseUnavailable() {}

  /** True when the throwable, or one of its causes, says the database is unavailable. */
  static boolean isCause(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof DataAccessResourceFailureException
          || t instanceof TransientDataAccessResourceException
          || t instanceof CannotCreateTransactionException
          || t instanceof SQLTransientConnectionException) {
        return true;
      }
      if (t instanceof SQLException sql && SqlStates.unavailable(sql.getSQLState())) {
        return true;
      }
      if (t instanceof TransactionSystemException tx && lostConnection(tx)) {
        return true;
      }
    }
    return false;
  }

  /**
   * "JDBC commit/rollback failed" after the connection broke mid-transaction (the pooler restarted,
   * the backend was terminated). HikariCP's closed-connection proxy throws a bare {@code
   * SQLException("Connection is closed")} without SQL state, which Spring cannot translate; and
   * Spring keeps the error that came first only in a side field (or, for a failed commit, only in
   * the log). Errors with a SQL state of their own (serialization, constraints) stay what they are.
   */
  private static boolean lostConnection(TransactionSystemException tx) {
    if (tx.getApplicationException() != null
        && tx.getApplicationException() != tx
        && isCause(tx.getApplicationException())) {
      return true;
    }
    return tx.getCause() instanceof SQLException sql && sql.getSQLState() == null;
  }

  static ProblemDetail problem() {
    return Problems.of(
        HttpStatus.SERVICE_UNAVAILABLE,
        Problems.DATABASE_UNAVAILABLE,
        "Database unavailable",
        "The database could not serve this request in time. Retry after "
            + RETRY_AFTER_SECONDS
            + " seconds.");
  }
}
