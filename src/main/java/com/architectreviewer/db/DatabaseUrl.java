package com.architectreviewer.db;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A parsed database URL: where the server is, who connects, and the pool settings a Prisma-style
 * URL carries. {@link #toString()} never shows the password.
 *
 * @param host host name or IP address (IPv6 without brackets)
 * @param port TCP port
 * @param database database name
 * @param user user name, or null
 * @param password password (decoded), or null
 * @param sslMode libpq/pgjdbc {@code sslmode}, or null for the driver default
 * @param schema schema to use ({@code currentSchema}), or null
 * @param connectionLimit Prisma {@code connection_limit}: pool size, or null
 * @param poolTimeout Prisma {@code pool_timeout}: wait for a pooled connection, or null
 * @param connectTimeout {@code connect_timeout}: wait for a new TCP/TLS connection, or null
 * @param pgbouncer explicit {@code pgbouncer=true|false}, or null when not given
 * @param applicationName {@code application_name}, or null
 * @param driverProperties further pgjdbc properties given on a {@code jdbc:} URL
 */
record DatabaseUrl(
    String host,
    int port,
    String database,
    String user,
    String password,
    String sslMode,
    String schema,
    Integer connectionLimit,
    Duration poolTimeout,
    Duration connectTimeout,
    Boolean pgbouncer,
    String applicationName,
    Map<String, String> driverProperties) {

  static final int DEFAULT_PORT = 5432;
  static final int SUPABASE_POOLER_PORT = 6543;

  DatabaseUrl {
    driverProperties = Map.copyOf(driverProperties);
  }

  /** Parses a {@code postgres://}, {@code postgresql://} or {@code jdbc:postgresql:} URL. */
  static DatabaseUrl parse(String setting, String url) {
    return new DatabaseUrlParser(setting).parse(url);
  }

  /** A URL to a server this process started itself (the embedded default). */
  static DatabaseUrl local(String host, int port, String database, String user) {
    return new DatabaseUrl(
        host, port, database, user, null, null, null, null, null, null, null, null, Map.of());
  }

  /**
   * True when connections go through a transaction-mode pooler: {@code pgbouncer=true}, a Supabase
   * pooler host on port 6543, or a Neon {@code -pooler} host. An explicit {@code pgbouncer=false}
   * wins over the host name.
   */
  boolean poolerMode() {
    if (pgbouncer != null) {
      return pgbouncer;
    }
    String lower = host.toLowerCase(Locale.ROOT);
    boolean supabase = lower.endsWith(".pooler.supabase.com") && port == SUPABASE_POOLER_PORT;
    int dot = lower.indexOf('.');
    boolean neon = dot > 0 && lower.substring(0, dot).endsWith("-pooler");
    return supabase || neon;
  }

  /** The JDBC URL without credentials or properties. */
  String jdbcUrl() {
    String hostPart = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return "jdbc:postgresql://"
        + hostPart
        + ":"
        + port
        + "/"
        + URLEncoder.encode(database, StandardCharsets.UTF_8);
  }

  /**
   * The pgjdbc connection properties this URL asks for (no user or password): TLS, schema, connect
   * timeout, application name and any further driver properties.
   */
  Properties connectionProperties(String defaultApplicationName, Duration defaultConnectTimeout) {
    var properties = new Properties();
    properties.putAll(driverProperties);
    if (sslMode != null) {
      properties.setProperty("sslmode", sslMode);
    }
    if (schema != null) {
      properties.setProperty("currentSchema", schema);
    }
    Duration connect = connectTimeout != null ? connectTimeout : defaultConnectTimeout;
    properties.setProperty("connectTimeout", Long.toString(connect.toSeconds()));
    properties.setProperty(
        "ApplicationName", applicationName != null ? applicationName : defaultApplicationName);
    properties.setProperty("tcpKeepAlive", "true");
    return properties;
  }

  /** The JDBC URL with the connection properties as query parameters (still no credentials). */
  String jdbcUrlWithProperties(Properties properties) {
    var sorted = new TreeMap<String, String>();
    properties.forEach((key, value) -> sorted.put(key.toString(), value.toString()));
    var url = new StringBuilder(jdbcUrl());
    char separator = '?';
    for (var entry : sorted.entrySet()) {
      url.append(separator)
          .append(URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8));
      separator = '&';
    }
    return url.toString();
  }

  /** Host and port, for log lines. */
  String address() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  @Override
  public String toString() {
    String credentials =
        user == null ? "" : user + (password == null ? "" : ":" + "*".repeat(5)) + "@";
    return "postgres://"
        + credentials
        + address()
        + "/"
        + database
        + (poolerMode() ? " (pooler mode)" : "");
  }
}
