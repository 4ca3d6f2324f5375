package com.architectreviewer.db;

import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The process's one connection pool, without the per-statement observation (a trace span and timers
 * for every connection, statement and result set) that the {@link DataSource} bean carries. For
 * bookkeeping statements that run many times a second and have metrics of their own: the job
 * queue's claims, final states and db-scheduler's polling. A profile of a worker draining no-op
 * jobs found 41 % of its CPU in that observation, more than in the driver itself; see
 * docs/benchmarks.md ("Job queue"). Everything else uses the observed bean.
 *
 * <p>Same pool, same connections: it adds none.
 */
public final class UnobservedDataSource {

  private final DataSource dataSource;
  private final JdbcClient jdbc;

  UnobservedDataSource(DataSource dataSource) {
    this.dataSource = dataSource;
    this.jdbc = JdbcClient.create(dataSource);
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /** A client over it; statements run in autocommit unless a transaction of its own is open. */
  public JdbcClient jdbc() {
    return jdbc;
  }
}
