package com.architectreviewer.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.architectreviewer.ReviewerApplication;
import com.architectreviewer.testsupport.DatabaseProbe;
import com.architectreviewer.testsupport.TestPgBouncer;
import com.architectreviewer.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Pooler mode end to end: the platform runs through a real PgBouncer in transaction mode
 * (migrations over DIRECT_URL), and recovers within 5 s after PgBouncer is stopped and started.
 */
@SpringBootTest(
    classes = ReviewerApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "reviewer.db.pool-timeout=2s")
@ActiveProfiles(DatabaseProbe.PROFILE)
@DirtiesContext
class PgBouncerRecoveryIT {

  private static TestPostgres postgres;
  private static TestPgBouncer pgbouncer;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    postgres = TestPostgres.start();
    pgbouncer = TestPgBouncer.startInFrontOf(postgres.port(), 4);
    registry.add(
        "DATABASE_URL",
        () ->
            "postgres://postgres@127.0.0.1:"
                + pgbouncer.port()
                + "/postgres?pgbouncer=true&connection_limit=4&connect_timeout=2"
                + "&application_name=pgbouncer-recovery-it");
    registry.add("DIRECT_URL", () -> postgres.url("application_name=pgbouncer-recovery-it-direct"));
  }

  @AfterAll
  static void stopServers() {
    if (pgbouncer != null) {
      pgbouncer.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void migratesOverTheDirectUrlAndRecoversAfterAPgBouncerRestart() {
    try (var probe = new RecoveryProbe(port)) {
      for (int i = 0; i < 8; i++) {
        assertThat(probe.query()).isEqualTo(200);
      }
      assertThat(postgres.connections("pgbouncer-recovery-it"))
          .as("pooled connections reach the server through PgBouncer, under its name")
          .isPositive();
      pgbouncer.stop();
      probe.assertDegraded();
      pgbouncer.start();
      probe.assertRecoversAfter("a PgBouncer stop/start");
    }
  }
}
