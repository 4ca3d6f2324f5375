package com.architectreviewer.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API keys: {@code rvw_<prefix>_<secret>}. The prefix is readable and unique; only the SHA-256 of
 * the whole key is stored (the secret carries 256 random bits, so a slow hash adds nothing), and it
 * is compared in constant time.
 */
@Service
public class ApiKeys {

  private static final String INSERT_TENANT =
      """
      INSERT INTO tenants (id, name) VALUES (:id, :name)
      ON CONFLICT (name) DO NOTHING
      """;
  private static final String TENANT_ID = "SELECT id FROM tenants WHERE name = :name";
  private static final String INSERT_KEY =
      """
      INSERT INTO api_keys (id, tenant_id, prefix, key_hash, role)
      VALUES (:id, :tenantId, :prefix, :hash, :role)
      """;
  private static final String FIND_BY_PREFIX =
      """
      SELECT id, tenant_id, key_hash, role FROM api_keys
      WHERE prefix = :prefix AND revoked_at IS NULL
      """;

  private static final String FIND_ACTIVE_BY_ID =
      """
      SELECT id, tenant_id, role FROM api_keys WHERE id = :id AND revoked_at IS NULL
      """;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();

  private final JdbcClient jdbc;
  private final KeyCache cache;

  /** Without a cache: every authentication asks the database (tools and tests). */
  public ApiKeys(JdbcClient jdbc) {
    this(jdbc, KeyCache.disabled());
  }

  @Autowired
  ApiKeys(JdbcClient jdbc, KeyCache cache) {
    this.jdbc = jdbc;
    this.cache = cache;
  }

  /** Creates the tenant if it does not exist and returns its id. */
  @Transactional
  public UUID ensureTenant(String name) {
    jdbc.sql(INSERT_TENANT).param("id", UUID.randomUUID()).param("name", name).update();
    return jdbc.sql(TENANT_ID).param("name", name).query(UUID.class).single();
  }

  /** Creates a key for the tenant and returns it in clear text; it cannot be read again. */
  @Transactional
  public String createKey(UUID tenantId, Caller.Role role) {
    String prefix = random(4);
    String key = "rvw_" + prefix + "_" + random(32);
    jdbc.sql(INSERT_KEY)
        .param("id", UUID.randomUUID())
        .param("tenantId", tenantId)
        .param("prefix", prefix)
        .param("hash", sha256(key))
        .param("role", role.name().toLowerCase(Locale.ROOT))
        .update();
    return key;
  }

  /**
   * The caller behind a presented key, if the key exists, matches and is not revoked: from the
   * {@link KeyCache} while it trusts the key, else from the database.
   */
  public Optional<Caller> authenticate(String presented) {
    String prefix = prefixOf(presented);
    if (prefix == null) {
      return Optional.empty();
    }
    byte[] presentedHash = sha256(presented);
    return cache.lookup(HEX.formatHex(presentedHash), () -> find(prefix, presentedHash));
  }

  private Optional<Caller> find(String prefix, byte[] presentedHash) {
    return jdbc.sql(FIND_BY_PREFIX)
        .param("prefix", prefix)
        .query((rs, row) ->
            MessageDigest.isEqual(rs.getBytes("key_hash"), presentedHash)
                ? new Caller(
                    rs.getObject("tenant_id", UUID.class),
                    rs.getObject("id", UUID.class),
                    Caller.Role.valueOf(rs.getString("role").toUpperCase(Locale.ROOT)))
                : null)
        .optional();
  }

  /**
   * The caller of a key that is still valid (not revoked), by its id: browser sessions re-check it
   * on every request, through the same {@link KeyCache} as keys (a revocation forgets both).
   */
  public Optional<Caller> findActive(UUID keyId) {
    return cache.lookup("id:" + keyId, () -> findActiveInDatabase(keyId));
  }

  private Optional<Caller> findActiveInDatabase(UUID keyId) {
    return jdbc.sql(FIND_ACTIVE_BY_ID)
        .param("id", keyId)
        .query((rs, row) ->
            new Caller(
                rs.getObject("tenant_id", UUID.class),
                rs.getObject("id", UUID.class),
                Caller.Role.valueOf(rs.getString("role").toUpperCase(Locale.ROOT))))
        .optional();
  }

  static String prefixOf(String key) {
    if (key == null || !key.startsWith("rvw_") || key.length() > 200) {
      return null;
    }
    int end = key.indexOf('_', 4);
    return end < 0 ? null : key.substring(4, end);
  }

  private static String random(int bytes) {
    byte[] buffer = new byte[bytes];
    RANDOM.nextBytes(buffer);
    return HEX.formatHex(buffer);
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
