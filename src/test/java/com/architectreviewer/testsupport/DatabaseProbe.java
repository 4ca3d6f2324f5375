package com.architectreviewer.testsupport;

import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A test-only DB-backed endpoint, {@code GET /test/db/sleep?ms=N}: one query through the pool that
 * holds its connection for N ms. Present only in test contexts with
 * {@code @ActiveProfiles(DatabaseProbe.PROFILE)}.
 */
@RestController
@Profile(DatabaseProbe.PROFILE)
public class DatabaseProbe {

  public static final String PROFILE = "database-probe";

  private final JdbcTemplate jdbc;

  DatabaseProbe(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @GetMapping("/test/db/sleep")
  String sleep(@RequestParam(defaultValue = "0") int ms) {
    return jdbc.queryForObject(
        "SELECT 'ok' FROM pg_sleep(?)", String.class, Math.max(0, Math.min(ms, 10_000)) / 1000.0);
  }
}
