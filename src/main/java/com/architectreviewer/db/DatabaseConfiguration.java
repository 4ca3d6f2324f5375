package com.architectreviewer.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Creates the one connection pool of the process. No other class may create a DataSource. */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

  @Bean(destroyMethod = "close")
  DatabaseServer databaseServer(Environment environment) {
    String url = environment.getProperty("DATABASE_URL");
    if (url == null || url.isBlank()) {
      String dataDir = environment.getProperty("REVIEWER_DATA_DIR", "./data");
      return EmbeddedDatabaseServer.start(Path.of(dataDir));
    }
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new IllegalStateException("DATABASE_URL must be a jdbc:postgresql: URL");
    }
    return new ExternalDatabaseServer(url);
  }

  @Bean(destroyMethod = "close")
  HikariDataSource dataSource(DatabaseServer server) {
    var config = new HikariConfig();
    config.setPoolName("reviewer");
    config.setJdbcUrl(server.jdbcUrl());
    if (server.user() != null) {
      config.setUsername(server.user());
      config.setPassword(server.password());
    }
    config.setMaximumPoolSize(Runtime.getRuntime().availableProcessors() * 2 + 1);
    config.addDataSourceProperty("ApplicationName", "architect-reviewer");
    return new HikariDataSource(config);
  }

  private record ExternalDatabaseServer(String jdbcUrl) implements DatabaseServer {
    @Override
    public String user() {
      return null;
    }

    @Override
    public String password() {
      return null;
    }

    @Override
    public void close() {}
  }
}
