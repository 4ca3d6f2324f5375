package com.architectreviewer.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.architectreviewer.ReviewerApplication;
import com.architectreviewer.testsupport.DatabaseProbe;
import com.architectreviewer.testsupport.TestPostgres;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
 * Early load shedding: with one pooled connection held and {@code reviewer.db.max-waiting} callers
 * already waiting, the next DB-backed request is answered 503 at once instead of after the pool
 * timeout, and the callers that did wait are served when the connection comes back ({@link
 * OverloadSheddingIT}: refusals while waits near the pool timeout).
 */
@SpringBootTest(
    classes = ReviewerApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "reviewer.db.max-waiting=" + LoadSheddingIT.MAX_WAITING,
      "db-scheduler.enabled=false",
      "reviewer.jobs.workers-enabled=false"
    })
@ActiveProfiles(DatabaseProbe.PROFILE)
@DirtiesContext
class LoadSheddingIT {

  static final int MAX_WAITING = 2;
  private static final int CALLERS = 6;
  private static final int HOLD_MS = 3000;
  private static TestPostgres postgres;

  @LocalServerPort int port;
  @Autowired MeterRegistry meters;
  @Autowired ConnectionPool pool;

  private ShedProbe probe;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    postgres = TestPostgres.start();
    registry.add("DATABASE_URL", () -> postgres.url("connection_limit=1&pool_timeout=8"));
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

  @Test
  void callersBeyondTheWaitingLimitAreRefusedAtOnce() {
    assertThat(probe.sleep(0).join().status()).isEqualTo(200);
    double shedBefore = probe.shed("waiting");

    CompletableFuture<ShedProbe.Answer> holder = probe.sleep(HOLD_MS);
    probe.awaitConnectionInUse();
    List<CompletableFuture<ShedProbe.Answer>> callers = new ArrayList<>();
    for (int i = 0; i < CALLERS; i++) {
      callers.add(probe.sleep(0));
    }
    List<ShedProbe.Answer> answers = callers.stream().map(CompletableFuture::join).toList();

    assertThat(holder.join().status()).isEqualTo(200);
    List<ShedProbe.Answer> served = answers.stream().filter(a -> a.status() == 200).toList();
    List<ShedProbe.Answer> refused = answers.stream().filter(a -> a.status() == 503).toList();
    System.out.printf(
        "load shedding: %d callers behind a held connection, %d served, %d refused (slowest"
            + " refusal %d ms)%n",
        CALLERS,
        served.size(),
        refused.size(),
        refused.stream().mapToLong(a -> a.took().toMillis()).max().orElse(0));
    assertThat(served.size() + refused.size()).isEqualTo(CALLERS);
    // Background work of the server may wait for the connection too: it can only take places.
    assertThat(served).hasSizeLessThanOrEqualTo(MAX_WAITING);
    assertThat(refused).hasSizeGreaterThanOrEqualTo(CALLERS - MAX_WAITING);
    assertThat(refused)
        .allSatisfy(answer -> {
          assertThat(answer.took()).isLessThan(ShedProbe.AT_ONCE);
          assertThat(answer.retryAfter()).isNotNull();
          assertThat(answer.body()).contains("database-unavailable");
        });
    assertThat(probe.shed("waiting") - shedBefore).isGreaterThanOrEqualTo(CALLERS - MAX_WAITING);
    assertThat(probe.sleep(0).join().status()).isEqualTo(200);
  }
}
