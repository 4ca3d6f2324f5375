package com.architectreviewer.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.architectreviewer.ReviewerApplication;
import com.architectreviewer.testsupport.DatabaseProbe;
import com.architectreviewer.testsupport.TestPostgres;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The P1017 case study without a restart: after every app connection is terminated, and after the
 * PostgreSQL server is stopped and started, requests succeed again within 5 s; readiness is DOWN
 * while the server is gone.
 */
@SpringBootTest(
    classes = ReviewerApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "reviewer.db.pool-timeout=2s")
@ActiveProfiles(DatabaseProbe.PROFILE)
@DirtiesContext
class PostgresRecoveryIT {

  private static final String APPLICATION_NAME = "recovery-it";
  private static TestPostgres postgres;

  @LocalServerPort int port;
  private RecoveryProbe probe;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    postgres = TestPostgres.start();
    registry.add(
        "DATABASE_URL",
        () ->
            postgres.url(
                "connection_limit=4&connect_timeout=2&application_name=" + APPLICATION_NAME));
  }

  @AfterAll
  static void stopServer() {
    if (postgres != null) {
      postgres.close();
    }
  }

  @BeforeEach
  void warmUp() {
    probe = new RecoveryProbe(port);
    for (int i = 0; i < 8; i++) {
      assertThat(probe.query()).isEqualTo(200);
    }
  }

  @AfterEach
  void closeProbe() {
    probe.close();
  }

  @Test
  void recoversAfterEveryAppConnectionIsTerminated() {
    int terminated = postgres.terminateBackends(APPLICATION_NAME);
    assertThat(terminated).isPositive();
    Duration recovery = probe.timeToFirstSuccess();
    System.out.printf(
        "recovery after pg_terminate_backend of %d connections: %d ms%n",
        terminated, recovery.toMillis());
    assertThat(recovery).isLessThan(RecoveryProbe.RECOVERY_LIMIT);
    assertThat(probe.readiness()).isEqualTo(200);
  }

  @Test
  void recoversAfterThePostgresServerIsStoppedAndStarted() {
    postgres.stop();
    probe.assertDegraded();
    postgres.restart();
    probe.assertRecoversAfter("a PostgreSQL stop/start");
  }
}
