package com.architectreviewer.db;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.postgresql.PGProperty;

/**
 * Reads database URLs as Prisma, Supabase, Neon and libpq users write them, and {@code
 * jdbc:postgresql:} URLs. Every error names the setting and the part to fix, never the password.
 */
final class DatabaseUrlParser {

  private static final Set<String> SSL_MODES =
      Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

  /** Parameters of {@code postgres://} URLs, as Prisma and libpq name them. */
  private static final Set<String> URL_PARAMETERS =
      Set.of(
          "sslmode",
          "schema",
          "connection_limit",
          "pool_timeout",
          "connect_timeout",
          "pgbouncer",
          "application_name",
          "sslrootcert",
          "sslcert",
          "sslkey");

  private final String setting;

  DatabaseUrlParser(String setting) {
    this.setting = setting;
  }

  DatabaseUrl parse(String url) {
    if (url == null || url.isBlank()) {
      throw rejected("it is empty");
    }
    String trimmed = url.strip();
    if (trimmed.contains("#")) {
      throw rejected("it contains '#'; URL-encode it as %23 (in a password, for example)");
    }
    if (trimmed.startsWith("postgres://") || trimmed.startsWith("postgresql://")) {
      return parseUrl(trimmed.substring(trimmed.indexOf("://") + 3), false);
    }
    if (trimmed.startsWith("jdbc:postgresql://")) {
      return parseUrl(trimmed.substring("jdbc:postgresql://".length()), true);
    }
    if (trimmed.startsWith("jdbc:postgresql:")) {
      return parseUrl("localhost/" + trimmed.substring("jdbc:postgresql:".length()), true);
    }
    int colon = trimmed.indexOf(':');
    String scheme = colon > 0 && colon < 20 ? trimmed.substring(0, colon) : "(none)";
    throw rejected(
        "the scheme '"
            + scheme
            + "' is not supported; use postgres://user:password@host:5432/database or"
            + " jdbc:postgresql://host:5432/database");
  }

  private DatabaseUrl parseUrl(String rest, boolean jdbc) {
    int query = rest.indexOf('?');
    String beforeQuery = query < 0 ? rest : rest.substring(0, query);
    Map<String, String> parameters = query < 0 ? Map.of() : parameters(rest.substring(query + 1));
    int at = jdbc ? -1 : beforeQuery.lastIndexOf('@');
    String userInfo = at < 0 ? null : beforeQuery.substring(0, at);
    String hostAndPath = beforeQuery.substring(at + 1);
    int slash = hostAndPath.indexOf('/');
    String hostPort = slash < 0 ? hostAndPath : hostAndPath.substring(0, slash);
    String path = slash < 0 ? "" : decode(hostAndPath.substring(slash + 1), "the database name");
    var builder = new Fields();
    hostAndPort(hostPort, builder);
    if (path.isEmpty() || path.contains("/")) {
      throw rejected("it names no database; end the URL with /DATABASE (for example /postgres)");
    }
    builder.database = path;
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      builder.user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon), "the user name");
      builder.password = colon < 0 ? null : decode(userInfo.substring(colon + 1), "the password");
    }
    for (var parameter : parameters.entrySet()) {
      apply(parameter.getKey(), parameter.getValue(), jdbc, builder);
    }
    if (builder.user != null && builder.user.isEmpty()) {
      throw rejected("the user name is empty");
    }
    return builder.build();
  }

  private void hostAndPort(String hostPort, Fields fields) {
    String host;
    String port = null;
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close < 0) {
        throw rejected("the IPv6 host has no closing ']'");
      }
      host = hostPort.substring(1, close);
      String after = hostPort.substring(close + 1);
      if (!after.isEmpty()) {
        if (!after.startsWith(":")) {
          throw rejected("unexpected text after the IPv6 host; write [address]:port");
        }
        port = after.substring(1);
      }
      if (!host.contains(":")) {
        throw rejected("'" + host + "' in brackets is not an IPv6 address");
      }
    } else {
      if (hostPort.indexOf(':') != hostPort.lastIndexOf(':')) {
        throw rejected("an IPv6 host must be written in brackets, as [::1]:5432");
      }
      if (hostPort.contains(",")) {
        throw rejected("several hosts are not supported; name one host");
      }
      int colon = hostPort.indexOf(':');
      host = colon < 0 ? hostPort : hostPort.substring(0, colon);
      port = colon < 0 ? null : hostPort.substring(colon + 1);
    }
    if (host.isEmpty()) {
      throw rejected("it names no host; write postgres://user:password@HOST:5432/database");
    }
    fields.host = host;
    fields.port = port == null || port.isEmpty() ? DatabaseUrl.DEFAULT_PORT : port(port);
  }

  private int port(String text) {
    try {
      int port = Integer.parseInt(text);
      if (port >= 1 && port <= 65_535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw rejected("the port '" + text + "' is not a number from 1 to 65535");
  }

  private Map<String, String> parameters(String query) {
    var parameters = new LinkedHashMap<String, String>();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals), "a parameter name");
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1), "parameter " + name);
      if (parameters.put(name, value) != null) {
        throw rejected("the parameter '" + name + "' is given twice");
      }
    }
    return parameters;
  }

  private void apply(String name, String value, boolean jdbc, Fields fields) {
    switch (name) {
      case "sslmode" -> fields.sslMode = sslMode(value);
      case "schema", "currentSchema" -> fields.schema = nonEmpty(name, value);
      case "connection_limit" -> fields.connectionLimit = number(name, value, 1);
      case "pool_timeout" -> fields.poolTimeout = Duration.ofSeconds(number(name, value, 0));
      case "connect_timeout" -> fields.connectTimeout = Duration.ofSeconds(number(name, value, 0));
      case "pgbouncer" -> fields.pgbouncer = bool(name, value);
      case "application_name", "ApplicationName" -> fields.applicationName = nonEmpty(name, value);
      default -> applyOther(name, value, jdbc, fields);
    }
  }

  private void applyOther(String name, String value, boolean jdbc, Fields fields) {
    if (jdbc && name.equals("user")) {
      fields.user = value;
    } else if (jdbc && name.equals("password")) {
      fields.password = value;
    } else if (jdbc && name.equals("connectTimeout")) {
      fields.connectTimeout = Duration.ofSeconds(number(name, value, 0));
    } else if (jdbc && PGProperty.forName(name) != null) {
      fields.driverProperties.put(name, value);
    } else if (!jdbc && URL_PARAMETERS.contains(name)) {
      fields.driverProperties.put(name, value);
    } else {
      throw rejected(
          "unknown parameter '"
              + name
              + "'; accepted: "
              + String.join(", ", URL_PARAMETERS.stream().sorted().toList())
              + (jdbc ? " and pgjdbc connection properties" : ""));
    }
  }

  private String sslMode(String value) {
    if (!SSL_MODES.contains(value)) {
      throw rejected(
          "sslmode '"
              + value
              + "' is not one of "
              + String.join(", ", SSL_MODES.stream().sorted().toList()));
    }
    return value;
  }

  private String nonEmpty(String name, String value) {
    if (value.isBlank()) {
      throw rejected("the parameter '" + name + "' is empty");
    }
    return value;
  }

  private int number(String name, String value, int minimum) {
    try {
      int number = Integer.parseInt(value);
      if (number >= minimum) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw rejected(
        "the parameter '"
            + name
            + "' must be a whole number of at least "
            + minimum
            + ", not '"
            + value
            + "'");
  }

  private boolean bool(String name, String value) {
    return switch (value.toLowerCase(java.util.Locale.ROOT)) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default -> throw rejected("the parameter '" + name + "' must be true or false");
    };
  }

  /** Percent-decoding as in URLs: '+' stays '+', a malformed escape is an error. */
  private String decode(String text, String what) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    var bytes = new ByteArrayOutputStream();
    int i = 0;
    while (i < text.length()) {
      int percent = text.indexOf('%', i);
      int end = percent < 0 ? text.length() : percent;
      bytes.writeBytes(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
      if (percent < 0) {
        break;
      }
      if (percent + 2 >= text.length()
          || Character.digit(text.charAt(percent + 1), 16) < 0
          || Character.digit(text.charAt(percent + 2), 16) < 0) {
        throw rejected(what + " has a '%' that is not followed by two hex digits; write % as %25");
      }
      bytes.write(Integer.parseInt(text, percent + 1, percent + 3, 16));
      i = percent + 3;
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private DatabaseUrlRejected rejected(String reason) {
    return new DatabaseUrlRejected(setting, reason);
  }

  /** The fields while they are being read. */
  private static final class Fields {
    String host;
    int port;
    String database;
    String user;
    String password;
    String sslMode;
    String schema;
    Integer connectionLimit;
    Duration poolTimeout;
    Duration connectTimeout;
    Boolean pgbouncer;
    String applicationName;
    final Map<String, String> driverProperties = new LinkedHashMap<>();

    DatabaseUrl build() {
      return new DatabaseUrl(
          host,
          port,
          database,
          user,
          password,
          sslMode,
          schema,
          connectionLimit,
          poolTimeout,
          connectTimeout,
          pgbouncer,
          applicationName,
          driverProperties);
    }
  }
}
