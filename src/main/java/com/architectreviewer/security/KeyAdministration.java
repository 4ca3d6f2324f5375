package com.architectreviewer.security;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Tenants and keys for the operator: the {@code reviewer admin} commands. */
@Service
public class KeyAdministration {

  private static final Pattern TENANT_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
  private static final Pattern PREFIX = Pattern.compile("[0-9a-f]{8}");

  private static final String TENANT_ID = "SELECT id FROM tenants WHERE name = :name";
  private static final String LIST_KEYS =
      """
      SELECT k.prefix, t.name AS tenant, k.role, k.created_at, k.last_used_at, k.revoked_at
      FROM api_keys k JOIN tenants t ON t.id = k.tenant_id
      ORDER BY t.name, k.created_at
      """;

  /**
   * One statement, so one transaction: the notification goes out at its commit, to every process
   * listening on the database (their key caches forget the key), and never for a revocation that
   * did not commit.
   */
  private static final String REVOKE =
      """
      WITH revoked AS (
        UPDATE api_keys SET revoked_at = now() WHERE prefix = :prefix AND revoked_at IS NULL
        RETURNING id
      )
      SELECT id, pg_notify('%s', id::text) FROM revoked
      """
          .formatted(KeyCache.REVOKED_NOTIFICATION);

  private static final String ANY_KEY = "SELECT EXISTS (SELECT 1 FROM api_keys)";

  private final JdbcClient jdbc;
  private final KeyCache cache;

  KeyAdministration(JdbcClient jdbc, KeyCache cache) {
    this.jdbc = jdbc;
    this.cache = cache;
  }

  /** One row of {@code reviewer admin list-keys}; never the key or its hash. */
  public record KeyInfo(
      String prefix,
      String tenant,
      String role,
      Instant createdAt,
      Instant lastUsedAt,
      Instant revokedAt) {}

  /** Whether {@code name} is a valid tenant name: lower case letters, digits, '.', '_', '-'. */
  public static boolean isValidTenantName(String name) {
    return name != null && TENANT_NAME.matcher(name).matches();
  }

  /** Whether {@code prefix} looks like a key prefix (8 hex digits). */
  public static boolean isValidPrefix(String prefix) {
    return prefix != null && PREFIX.matcher(prefix).matches();
  }

  public Optional<UUID> tenantId(String name) {
    return jdbc.sql(TENANT_ID).param("name", name).query(UUID.class).optional();
  }

  public List<KeyInfo> listKeys() {
    return jdbc.sql(LIST_KEYS)
        .query((rs, row) ->
            new KeyInfo(
                rs.getString("prefix"),
                rs.getString("tenant"),
                rs.getString("role"),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("last_used_at")),
                instant(rs.getTimestamp("revoked_at"))))
        .list();
  }

  /**
   * Revokes the key with this prefix; false when there is no such active key. The key stops working
   * at once in this process and, through PostgreSQL's NOTIFY at commit (and Redis pub/sub when
   * shared), within milliseconds in every process on the same database.
   */
  public boolean revoke(String prefix) {
    Optional<UUID> revoked =
        jdbc.sql(REVOKE)
            .param("prefix", prefix)
            .query((rs, row) -> rs.getObject("id", UUID.class))
            .optional();
    revoked.ifPresent(cache::revoked);
    return revoked.isPresent();
  }

  public boolean anyKeyExists() {
    return Boolean.TRUE.equals(jdbc.sql(ANY_KEY).query(Boolean.class).single());
  }

  private static Instant instant(java.sql.Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
