package com.architectreviewer.db;

import java.time.Duration;

/**
 * The pool settings in force, from {@code reviewer.db.*} and the URL's Prisma parameters.
 *
 * @param maximumSize maximum connections of the pool
 * @param poolTimeout wait for a pooled connection
 * @param connectTimeout wait for a new connection
 * @param source where the size came from, for the startup log
 */
record PoolSettings(int maximumSize, Duration poolTimeout, Duration connectTimeout, String source) {

  /** HikariCP's sizing guidance and Prisma's default {@code connection_limit}. */
  static int defaultSize(int cores) {
    return cores * 2 + 1;
  }

  static PoolSettings resolve(DatabaseProperties properties, DatabaseUrl url, String setting) {
    Integer size =
        agree(
            properties.poolSize(),
            url.connectionLimit(),
            "reviewer.db.pool-size",
            setting + " connection_limit");
    Duration poolTimeout =
        agree(
            properties.poolTimeout(),
            url.poolTimeout(),
            "reviewer.db.pool-timeout",
            setting + " pool_timeout");
    Duration connectTimeout =
        agree(
            properties.connectTimeout(),
            url.connectTimeout(),
            "reviewer.db.connect-timeout",
            setting + " connect_timeout");
    String source =
        properties.poolSize() != null
            ? "reviewer.db.pool-size"
            : url.connectionLimit() != null ? "connection_limit" : "cores × 2 + 1";
    return new PoolSettings(
        size != null ? size : defaultSize(Runtime.getRuntime().availableProcessors()),
        poolTimeout != null
            ? poolTimeout
            : Duration.ofSeconds(DatabaseProperties.DEFAULT_POOL_TIMEOUT_SECONDS),
        connectTimeout != null
            ? connectTimeout
            : Duration.ofSeconds(DatabaseProperties.DEFAULT_CONNECT_TIMEOUT_SECONDS),
        source);
  }

  private static <T> T agree(T property, T fromUrl, String propertyName, String urlName) {
    if (property != null && fromUrl != null && !property.equals(fromUrl)) {
      throw new DatabaseUrlRejected(
          propertyName,
          "it contradicts "
              + urlName
              + " ("
              + property
              + " vs "
              + fromUrl
              + "); set only one of them");
    }
    return property != null ? property : fromUrl;
  }
}
