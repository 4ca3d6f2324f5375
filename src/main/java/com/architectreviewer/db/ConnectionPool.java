package com.architectreviewer.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Properties;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HikariCP pool of the process. In pooler mode (PgBouncer in transaction mode) server-side
 * prepared statements are off ({@code prepareThreshold=0}) and the pool sets no session state.
 */
final class ConnectionPool implements AutoCloseable {

  static final String POOL_NAME = "reviewer";
  private static final Logger log = LoggerFactory.getLogger(ConnectionPool.class);
  private static final Duration MINIMUM_VALIDATION_TIMEOUT = Duration.ofMillis(250);
  private static final Duration VALIDATION_TIMEOUT = Duration.ofSeconds(1);

  private final HikariDataSource pool;
  private final SheddingDataSource dataSource;
  private final PoolSettings settings;
  private final DatabaseUrl url;

  private ConnectionPool(
      HikariDataSource pool,
      SheddingDataSource dataSource,
      PoolSettings settings,
      DatabaseUrl url) {
    this.pool = pool;
    this.dataSource = dataSource;
    this.settings = settings;
    this.url = url;
  }

  static ConnectionPool open(
      DatabaseUrl url, String setting, DatabaseProperties properties, MeterRegistry meters) {
    var settings = PoolSettings.resolve(properties, url, setting);
    var config = new HikariConfig();
    config.setPoolName(POOL_NAME);
    config.setJdbcUrl(url.jdbcUrl());
    config.setUsername(url.user());
    config.setPassword(url.password());
    config.setDataSourceProperties(connectionProperties(url, properties, settings));
    config.setMaximumPoolSize(settings.maximumSize());
    config.setConnectionTimeout(settings.poolTimeout().toMillis());
    config.setValidationTimeout(validationTimeout(settings.poolTimeout()).toMillis());
    config.setLeakDetectionThreshold(properties.leakDetectionThreshold().toMillis());
    if (meters != null) {
      config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters));
    }
    log.info(
        "Connection pool '{}' to {}: up to {} connections ({}), pool timeout {} s, at most {}"
            + " callers waiting, {}",
        POOL_NAME,
        url,
        settings.maximumSize(),
        settings.source(),
        settings.poolTimeout().toMillis() / 1000.0,
        properties.maxWaiting(),
        url.poolerMode()
            ? "pooler mode: no server-side prepared statements, no session state"
            : "direct connections");
    var pool = new HikariDataSource(config);
    return new ConnectionPool(
        pool,
        new SheddingDataSource(
            pool,
            () -> pool.getHikariPoolMXBean().getIdleConnections(),
            settings.poolTimeout(),
            properties.maxWaiting(),
            meters),
        settings,
        url);
  }

  /** pgjdbc properties of every pooled connection. */
  static Properties connectionProperties(
      DatabaseUrl url, DatabaseProperties properties, PoolSettings settings) {
    Properties connection =
        url.connectionProperties(properties.applicationName(), settings.connectTimeout());
    if (url.poolerMode()) {
      // A transaction pooler hands each transaction to any server connection: a statement
      // prepared on one is unknown (or a duplicate, "S_1 already exists") on the next.
      connection.setProperty("prepareThreshold", "0");
    }
    return connection;
  }

  private static Duration validationTimeout(Duration poolTimeout) {
    Duration half = poolTimeout.dividedBy(2);
    if (poolTimeout.isZero() || half.compareTo(VALIDATION_TIMEOUT) >= 0) {
      return VALIDATION_TIMEOUT;
    }
    return half.compareTo(MINIMUM_VALIDATION_TIMEOUT) < 0 ? MINIMUM_VALIDATION_TIMEOUT : half;
  }

  /** The pool's connections, with early load shedding ({@link SheddingDataSource}). */
  DataSource dataSource() {
    return dataSource;
  }

  HikariPoolMXBean state() {
    return pool.getHikariPoolMXBean();
  }

  PoolSettings settings() {
    return settings;
  }

  DatabaseUrl url() {
    return url;
  }

  @Override
  public void close() {
    dataSource.close();
    pool.close();
  }
}
