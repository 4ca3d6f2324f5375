package com.architectreviewer.db;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.Properties;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.flyway.autoconfigure.FlywayConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Creates the one connection pool of the process, the direct connections beside it, and the
 * migration connection. No other class may create a DataSource.
 *
 * <p>Shutdown order follows the bean dependencies: everything that uses the DataSource closes
 * first, then the pool, then (for the embedded default) PostgreSQL itself.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

  static final String DATABASE_URL = "DATABASE_URL";
  static final String DIRECT_URL = "DIRECT_URL";
  static final String DATA_DIR = "REVIEWER_DATA_DIR";
  static final String DEFAULT_DATA_DIR = "./data";
  static final String DIRECT_SUFFIX = "-direct";

  @Bean(destroyMethod = "close")
  DatabaseServer databaseServer(Environment environment, DatabaseProperties properties) {
    String url = environment.getProperty(DATABASE_URL);
    String direct = environment.getProperty(DIRECT_URL);
    if (url == null || url.isBlank()) {
      if (direct != null && !direct.isBlank()) {
        throw new DatabaseUrlRejected(
            DIRECT_URL,
            "it is set but DATABASE_URL is not; set both, or neither for the embedded default");
      }
      return EmbeddedDatabaseServer.start(
          Path.of(environment.getProperty(DATA_DIR, DEFAULT_DATA_DIR)),
          properties.embeddedListenAddress(),
          properties.embeddedPort());
    }
    return DatabaseServer.External.of(
        DatabaseUrl.parse(DATABASE_URL, url),
        direct == null || direct.isBlank() ? null : DatabaseUrl.parse(DIRECT_URL, direct));
  }

  @Bean(destroyMethod = "close")
  ConnectionPool connectionPool(
      DatabaseServer server, DatabaseProperties properties, ObjectProvider<MeterRegistry> meters) {
    var pool = ConnectionPool.open(server.url(), DATABASE_URL, properties, meters.getIfAvailable());
    ConnectionBudget.report(pool, properties.expectedInstances());
    return pool;
  }

  /** The pooled DataSource every module uses; closed with its {@link ConnectionPool}. */
  @Bean(destroyMethod = "")
  DataSource dataSource(ConnectionPool pool) {
    return pool.dataSource();
  }

  /** The same pool without per-statement observation, for the job queue's bookkeeping. */
  @Bean
  UnobservedDataSource unobservedDataSource(ConnectionPool pool) {
    return new UnobservedDataSource(pool.dataSource());
  }

  @Bean
  DirectConnections directConnections(DatabaseServer server, DatabaseProperties properties) {
    return new DirectConnections(
        server.directUrl(), directProperties(server, properties), server.url().poolerMode());
  }

  /** The process's one LISTEN connection, shared by every module that subscribes to a channel. */
  @Bean
  Notifications notifications(DirectConnections connections, ObjectProvider<MeterRegistry> meters) {
    var notifications = new Notifications(connections);
    var registry = meters.getIfAvailable();
    if (registry != null) {
      Gauge.builder(
              "reviewer.db.notifications.listening",
              notifications,
              listener -> listener.isListening() ? 1 : 0)
          .description(
              "1 while the process's LISTEN connection listens (job wake-up, key revocations)")
          .register(registry);
      FunctionCounter.builder(
              "reviewer.db.notifications.sessions", notifications, Notifications::sessions)
          .description("Connections the listener has listened on: 1, plus one per reconnect")
          .register(registry);
    }
    return notifications;
  }

  /** Flyway migrates over a direct connection: {@code DIRECT_URL} when set. */
  @Bean
  FlywayConnectionDetails flywayConnectionDetails(
      DatabaseServer server, DatabaseProperties properties) {
    DatabaseUrl direct = server.directUrl();
    String jdbcUrl = direct.jdbcUrlWithProperties(directProperties(server, properties));
    return new FlywayConnectionDetails() {
      @Override
      public String getJdbcUrl() {
        return jdbcUrl;
      }

      @Override
      public String getUsername() {
        return direct.user();
      }

      @Override
      public String getPassword() {
        return direct.password();
      }
    };
  }

  @Bean(destroyMethod = "close")
  DatabaseHealthIndicator databaseHealthIndicator(
      ConnectionPool pool, DatabaseProperties properties) {
    return new DatabaseHealthIndicator(pool.dataSource(), properties.healthTimeout());
  }

  /**
   * Direct connections carry {@code <application_name>-direct} (unless DIRECT_URL names its own),
   * so operators tell them from the pool in {@code pg_stat_activity}.
   */
  private static Properties directProperties(DatabaseServer server, DatabaseProperties properties) {
    DatabaseUrl direct = server.directUrl();
    PoolSettings settings = PoolSettings.resolve(properties, direct, DIRECT_URL);
    String pooledName =
        server.url().applicationName() != null
            ? server.url().applicationName()
            : properties.applicationName();
    boolean ownName = direct != server.url() && direct.applicationName() != null;
    var connection = direct.connectionProperties(pooledName, settings.connectTimeout());
    connection.setProperty(
        "ApplicationName", ownName ? direct.applicationName() : pooledName + DIRECT_SUFFIX);
    return connection;
  }
}
