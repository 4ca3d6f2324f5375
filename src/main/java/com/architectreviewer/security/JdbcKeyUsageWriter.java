package com.architectreviewer.security;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** Writes {@code last_used_at} in one JDBC batch; a time never moves backwards. */
final class JdbcKeyUsageWriter implements KeyUsageWriter {

  private static final String TOUCH =
      """
      UPDATE api_keys SET last_used_at = GREATEST(last_used_at, ?) WHERE id = ?
      """;

  private final JdbcTemplate jdbc;

  JdbcKeyUsageWriter(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void write(Map<UUID, Instant> lastUsed) {
    var rows =
        lastUsed.entrySet().stream()
            .map(e ->
                new Object[] {OffsetDateTime.ofInstant(e.getValue(), ZoneOffset.UTC), e.getKey()})
            .toList();
    jdbc.batchUpdate(TOUCH, rows);
  }
}
