package com.architectreviewer.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** Which pool timeouts mean "the database cannot be reached" and open the breaker. */
class SheddingDataSourceTest {

  private static SQLException poolTimeout(SQLException lastConnectionFailure) {
    return new SQLTransientConnectionException(
        "reviewer - Connection is not available, request timed out after 2000ms",
        lastConnectionFailure == null ? null : lastConnectionFailure.getSQLState(),
        lastConnectionFailure);
  }

  @Test
  void aTimeoutWhileConnectionsAreRefusedMeansUnreachable() {
    var refused =
        new SQLException("Connection to 127.0.0.1:5432 refused", "08001", new ConnectException());
    assertThat(SheddingDataSource.unreachable(poolTimeout(refused))).isTrue();
  }

  @Test
  void serverShuttingDownAndTooManyClientsMeanUnreachable() {
    assertThat(SheddingDataSource.unreachable(poolTimeout(new SQLException("shutdown", "57P01"))))
        .isTrue();
    assertThat(SheddingDataSource.unreachable(poolTimeout(new SQLException("clients", "53300"))))
        .isTrue();
  }

  @Test
  void aTimeoutOfABusyPoolIsLoadNotAnOutage() {
    assertThat(SheddingDataSource.unreachable(poolTimeout(null))).isFalse();
    assertThat(SheddingDataSource.unreachable(new SQLException("duplicate key", "23505")))
        .isFalse();
    assertThat(SheddingDataSource.unreachable(new IllegalStateException("closed"))).isFalse();
  }
}
