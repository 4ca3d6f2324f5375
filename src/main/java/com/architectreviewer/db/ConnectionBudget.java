package com.architectreviewer.db;

import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs how many server connections this deployment may use and warns when that exceeds the server's
 * {@code max_connections}: the P1017 incident was that sum growing past the limit.
 */
final class ConnectionBudget {

  private static final Logger log = LoggerFactory.getLogger(ConnectionBudget.class);

  static final String SERVER_LIMITS =
      """
      SELECT current_setting('max_connections')::int,
             current_setting('superuser_reserved_connections')::int
      """;

  /**
   * The figures of one check.
   *
   * @param poolSize maximum connections of this process's pool
   * @param instances expected processes
   * @param maxConnections the server's {@code max_connections}
   * @param reserved connections reserved for superusers
   */
  record Figures(int poolSize, int instances, int maxConnections, int reserved) {
    int planned() {
      return poolSize * instances;
    }

    int available() {
      return maxConnections - reserved;
    }

    boolean exceeded() {
      return planned() > available();
    }
  }

  private ConnectionBudget() {}

  /** Queries the server's limits through the pool and logs the budget; never fails startup. */
  static Figures report(ConnectionPool pool, int expectedInstances) {
    try (var connection = pool.dataSource().getConnection();
        var statement = connection.createStatement();
        var rows = statement.executeQuery(SERVER_LIMITS)) {
      rows.next();
      var figures =
          new Figures(
              pool.settings().maximumSize(), expectedInstances, rows.getInt(1), rows.getInt(2));
      log(figures, pool.url().poolerMode());
      return figures;
    } catch (SQLException e) {
      log.warn(
          "Could not read the server's max_connections ({}); the connection budget is not checked",
          e.getClass().getSimpleName());
      return null;
    }
  }

  private static void log(Figures figures, boolean poolerMode) {
    String budget =
        "Connection budget: pool of %d × %d expected instance(s) = %d connections, plus one direct LISTEN connection per process (and one while migrating); server max_connections %d (%d reserved for superusers)"
            .formatted(
                figures.poolSize(),
                figures.instances(),
                figures.planned(),
                figures.maxConnections(),
                figures.reserved());
    if (poolerMode) {
      log.info(
          "{}. Through a transaction pooler these are pooler clients: the pooler's pool size"
              + " bounds the server connections.",
          budget);
    } else if (figures.exceeded()) {
      log.warn(
          "{}. That exceeds the {} the server allows: under load connections will be refused"
              + " ('too many clients'). Lower reviewer.db.pool-size (or connection_limit) or"
              + " reviewer.db.expected-instances, or put PgBouncer in front (pgbouncer=true with"
              + " DIRECT_URL).",
          budget,
          figures.available());
    } else {
      log.info("{}.", budget);
    }
  }
}
