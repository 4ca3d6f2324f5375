package com.architectreviewer.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.architectreviewer.ReviewerApplication;
import com.architectreviewer.testsupport.DatabaseProbe;
import com.architectreviewer.testsupport.TestPostgres;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Early load shedding on a slow pool: once callers have been waiting close to the pool timeout, the
 * next callers that find no idle connection are answered 503 at once (they would wait as long, or
 * time out); once the pool has idle connections for a while, callers wait again.
 */
@SpringBootTest(
    classes = ReviewerApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"db-scheduler.enabled=false", "reviewer.jobs.workers-enabled=false"})
@ActiveProfiles(DatabaseProbe.PROFILE)
@DirtiesContext
class OverloadSheddingIT {

  private static TestPostgres postgres;

  @LocalServerPort int port;
  @Autowired MeterRegistry meters;
  @Autowired ConnectionPool pool;

  private ShedProbe probe;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    postgres = TestPostgres.start();
    registry.add("DATABASE_URL", () -> postgres.url("connection_limit=1&pool_timeout=4"));
  }

  @AfterAll
  static void stopServer() {
    if (postgres != null) {
      postgres.close();
    }
  }

  @BeforeEach
  void probe() {
    probe = new ShedProbe(port, meters, pool);
  }

  /**
   * Waits near the pool timeout make the next callers that find no idle connection be refused at
   * once; once the pool has been idle for a while, they wait again.
   */
  @Test
  void callersAreRefusedAtOnceWhileWaitsNearThePoolTimeoutAndServedAgainAfter() {
    // Phase 1: eight callers wait ~3.5 s behind a held connection; the pool timeout is 4 s, so
    // they are served.
    CompletableFuture<ShedProbe.Answer> holder = probe.sleep(3500);
    probe.awaitConnectionInUse();
    List<CompletableFuture<ShedProbe.Answer>> slow = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      slow.add(probe.sleep(0));
    }
    assertThat(holder.join().status()).isEqualTo(200);
    assertThat(slow.stream().map(CompletableFuture::join).map(ShedProbe.Answer::status))
        .as("waits of ~3.5 s, within the 4 s pool timeout: served")
        .containsOnly(200);

    // Phase 2: the recent waits are past half the pool timeout: beyond one caller, refused at once.
    double overloadedBefore = probe.shed("overloaded");
    CompletableFuture<ShedProbe.Answer> second = probe.sleep(1500);
    probe.awaitConnectionInUse();
    List<ShedProbe.Answer> refused = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      refused.add(probe.sleep(0).join());
    }
    assertThat(second.join().status()).isEqualTo(200);
    assertThat(refused)
        .allSatisfy(answer -> {
          assertThat(answer.status()).isEqualTo(503);
          assertThat(answer.took()).isLessThan(ShedProbe.AT_ONCE);
          assertThat(answer.retryAfter()).isNotNull();
        });
    assertThat(probe.shed("overloaded") - overloadedBefore).isGreaterThanOrEqualTo(5);

    // Phase 3: with idle connections the recent waits fade (half-life 2 s): after a quiet while,
    // callers that find the connection in use wait again.
    assertThat(probe.sleep(0).join().status()).isEqualTo(200);
    Awaitility.await("the recent waits fade")
        .pollDelay(SheddingDataSource.RECENT_HALF_LIFE.multipliedBy(2))
        .atMost(Duration.ofSeconds(10))
        .until(() -> true);
    List<CompletableFuture<ShedProbe.Answer>> pair = List.of(probe.sleep(20), probe.sleep(20));
    assertThat(pair.stream().map(CompletableFuture::join).map(ShedProbe.Answer::status))
        .as("two callers on one connection are served again once waits are short")
        .containsOnly(200);
  }
}
