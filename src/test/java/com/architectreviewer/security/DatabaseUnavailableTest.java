package com.architectreviewer.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.TransactionSystemException;

/**
 * A connection lost mid-transaction (PgBouncer restarted under load, found by bench/faults) first
 * fails the query, then the rollback: Spring throws "JDBC rollback failed" with the closed
 * connection as its cause and the query's error as the application exception. Both say "database
 * unavailable": 503 + Retry-After, not 500.
 */
class DatabaseUnavailableTest {

  @Test
  void failedRollbackOnAClosedConnectionIsUnavailable() {
    // HikariCP 7's closed-connection proxy: no SQL state at all (seen after a failed commit).
    var rollback =
        new TransactionSystemException(
            "JDBC rollback failed", new SQLException("Connection is closed"));
    assertThat(DatabaseUnavailable.isCause(rollback)).isTrue();
    var stated =
        new TransactionSystemException(
            "JDBC rollback failed", new SQLException("Connection is closed", "08003"));
    assertThat(DatabaseUnavailable.isCause(stated)).isTrue();
  }

  @Test
  void failedRollbackIsUnavailableWhenTheApplicationExceptionSaysSo() {
    var rollback =
        new TransactionSystemException(
            "JDBC rollback failed", new SQLException("rollback refused", "XX000"));
    rollback.initApplicationException(
        new DataAccessResourceFailureException(
            "An I/O error occurred while sending to the backend."));
    assertThat(DatabaseUnavailable.isCause(rollback)).isTrue();
  }

  @Test
  void otherFailuresAreNotUnavailable() {
    var rollback =
        new TransactionSystemException(
            "JDBC commit failed", new SQLException("duplicate key", "23505"));
    rollback.initApplicationException(new IllegalStateException("a bug"));
    assertThat(DatabaseUnavailable.isCause(rollback)).isFalse();
    assertThat(DatabaseUnavailable.isCause(new IllegalStateException("a bug"))).isFalse();
  }

  @Test
  void theFallbackHandlerAnswers503WithRetryAfterForAWrappedConnectionLoss() {
    var handling = new ProblemHandling(null); // the 503 path reports nothing
    var response = new MockHttpServletResponse();
    var problem =
        handling.unexpected(
            new TransactionSystemException(
                "JDBC rollback failed", new SQLException("Connection is closed")),
            new MockHttpServletRequest("GET", "/api/v1/jobs/x"),
            response);
    assertThat(problem.getStatus()).isEqualTo(503);
    assertThat(problem.getType().toString()).endsWith("/database-unavailable");
    assertThat(response.getHeader(HttpHeaders.RETRY_AFTER))
        .isEqualTo(Integer.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS));
  }
}
