package com.architectreviewer.review.rules;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A database connection URL as far as the pooling rules care: where it points and its query
 * parameters. Parsed leniently (passwords may hold characters that {@link java.net.URI} rejects).
 *
 * @param scheme lowercase scheme
 * @param host lowercase host
 * @param port explicit port, -1 when absent
 * @param query the raw query string ({@code ""} when none)
 */
public record DatabaseUrl(String scheme, String host, int port, String query) {

  private static final Pattern URL =
      Pattern.compile(
          "^(postgres(?:ql)?|prisma(?:\\+postgres)?|mysql|mongodb(?:\\+srv)?)://(?:[^@/?#]*@)?"
              + "(\\[[^\\]]+\\]|[^:/?#]+)(?::(\\d+))?[^?#]*(?:\\?([^#]*))?",
          Pattern.CASE_INSENSITIVE);

  /** Where a URL points, from the pooling point of view. */
  public enum Endpoint {
    /** localhost, a docker service name, a placeholder such as {@code HOST} */
    LOCAL_OR_PLACEHOLDER,
    /** Prisma Accelerate / Prisma Postgres ({@code prisma://}) */
    ACCELERATE,
    /** a transaction pooler: port 6543, {@code pgbouncer=true}, Neon {@code -pooler} */
    TRANSACTION_POOLER,
    /**
     * Supabase's session-mode pooler (pooler.supabase.com:5432): one server connection per client
     */
    SESSION_POOLER,
    /** a direct database endpoint (db.REF.supabase.co, a Neon host without -pooler, any :5432) */
    DIRECT,
    /** not PostgreSQL */
    OTHER
  }

  /** The URL in {@code text}, if it is a database URL. */
  public static Optional<DatabaseUrl> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    var m = URL.matcher(text.strip());
    if (!m.find()) {
      return Optional.empty();
    }
    int port = m.group(3) == null ? -1 : Integer.parseInt(m.group(3));
    return Optional.of(
        new DatabaseUrl(
            m.group(1).toLowerCase(Locale.ROOT),
            m.group(2).toLowerCase(Locale.ROOT),
            port,
            m.group(4) == null ? "" : m.group(4)));
  }

  /** True when the query has {@code name} (as {@code name=...} or a bare {@code name}). */
  public boolean hasParam(String name) {
    for (var part : query.split("&")) {
      var key = part.contains("=") ? part.substring(0, part.indexOf('=')) : part;
      if (key.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  /** The value of query parameter {@code name}, when present. */
  public Optional<String> param(String name) {
    for (var part : query.split("&")) {
      int eq = part.indexOf('=');
      if (eq > 0 && part.substring(0, eq).equalsIgnoreCase(name)) {
        return Optional.of(part.substring(eq + 1));
      }
    }
    return Optional.empty();
  }

  public boolean isSupabase() {
    return host.endsWith(".supabase.co") || host.endsWith(".supabase.com");
  }

  public boolean isNeon() {
    return host.endsWith(".neon.tech");
  }

  /** The port in use ({@code 5432} when absent for PostgreSQL). */
  public int effectivePort() {
    return port > 0 ? port : scheme.startsWith("postgres") ? 5432 : -1;
  }

  public Endpoint endpoint() {
    if (scheme.startsWith("prisma") || host.endsWith("accelerate.prisma-data.net")) {
      return Endpoint.ACCELERATE;
    }
    if (!scheme.startsWith("postgres")) {
      return Endpoint.OTHER;
    }
    if (isLocalOrPlaceholder()) {
      return Endpoint.LOCAL_OR_PLACEHOLDER;
    }
    if (effectivePort() == 6543 || hasParam("pgbouncer") || host.contains("-pooler.")) {
      return Endpoint.TRANSACTION_POOLER;
    }
    if (host.endsWith("pooler.supabase.com")) {
      return Endpoint.SESSION_POOLER;
    }
    return Endpoint.DIRECT;
  }

  private boolean isLocalOrPlaceholder() {
    if (!host.contains(".") && !host.startsWith("[")) {
      return true; // localhost, docker service names, HOST placeholders
    }
    return host.startsWith("127.")
        || host.equals("0.0.0.0")
        || host.startsWith("[::1")
        || host.startsWith("<")
        || host.contains("example")
        || host.startsWith("your")
        || host.contains("host.docker.internal");
  }

  /** The host and port as written for messages ({@code db.x.supabase.co:5432}). */
  public String endpointText() {
    return host + ":" + effectivePort();
  }
}
