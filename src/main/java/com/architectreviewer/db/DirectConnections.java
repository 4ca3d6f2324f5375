package com.architectreviewer.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Session-bound connections that bypass the pool and any transaction pooler: for {@code LISTEN},
 * session advisory locks and other work that needs one server session for its whole life. They go
 * to {@code DIRECT_URL} when it is set, else to {@code DATABASE_URL} (or the embedded server).
 *
 * <p>Each one counts against the server's {@code max_connections} beside the pool: open few, keep
 * them long, and close them. Everything else uses the pooled {@code DataSource}.
 */
public final class DirectConnections {

  private final DatabaseUrl url;
  private final Properties properties;
  private final boolean poolerMode;

  DirectConnections(DatabaseUrl url, Properties properties, boolean poolerMode) {
    this.url = url;
    this.properties = properties;
    this.poolerMode = poolerMode;
  }

  /** Opens a new direct connection; the caller closes it. */
  public Connection open() throws SQLException {
    var withCredentials = new Properties();
    withCredentials.putAll(properties);
    if (url.user() != null) {
      withCredentials.setProperty("user", url.user());
    }
    if (url.password() != null) {
      withCredentials.setProperty("password", url.password());
    }
    return DriverManager.getConnection(url.jdbcUrl(), withCredentials);
  }

  /**
   * True when the pool goes through a transaction pooler: pooled connections then carry no session
   * state (no {@code SET}, no session advisory lock, no {@code LISTEN}); use {@link #open()} for
   * those.
   */
  public boolean poolerMode() {
    return poolerMode;
  }
}
