package com.architectreviewer.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.architectreviewer.db.Notifications;
import com.architectreviewer.security.ApiKeys;
import com.architectreviewer.testsupport.TestInstances;
import com.architectreviewer.testsupport.TestPostgres;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The job wake-up on the process's shared notification listener: with polling every 60 s, only the
 * {@code NOTIFY reviewer_jobs} of the enqueueing transaction (or the poll after a reconnect) can
 * start a job within seconds. After the listener's backend is terminated, a job enqueued while it
 * was away and one enqueued afterwards both start promptly.
 */
class JobWakeupIT {

  private static final String NAME = "job-wakeup-it";
  private static final Duration PROMPTLY = Duration.ofSeconds(5);

  private final TestPostgres postgres = TestPostgres.start();
  private ConfigurableApplicationContext instance;

  @AfterEach
  void stop() {
    if (instance != null) {
      instance.close();
    }
    postgres.close();
  }

  @Test
  void aNotificationWakesTheWorkersAlsoAfterTheListenerReconnected() {
    instance =
        TestInstances.start(
            Map.of(
                "DATABASE_URL",
                postgres.url("application_name=" + NAME),
                "REDIS_URL",
                "",
                "db-scheduler.polling-interval",
                "60s"),
            beans -> beans.registerBean(TestJobHandler.class, TestJobHandler::new));
    var handler = instance.getBean(TestJobHandler.class);
    var jobs = instance.getBean(Jobs.class);
    var listener = instance.getBean(Notifications.class);
    UUID tenant = instance.getBean(ApiKeys.class).ensureTenant("wakeup-" + UUID.randomUUID());
    await().atMost(PROMPTLY).until(listener::isListening);

    jobs.enqueue(NewJob.of(tenant, TestJobHandler.KIND, "ok:first"));
    await().atMost(PROMPTLY).until(() -> handler.runs("first") == 1);

    long sessions = listener.sessions();
    assertThat(postgres.terminateBackends(NAME + "-direct")).isOne();
    // Its NOTIFY most likely goes unheard: the poll after the reconnect finds it.
    jobs.enqueue(NewJob.of(tenant, TestJobHandler.KIND, "ok:during"));
    await().atMost(PROMPTLY).until(() -> listener.sessions() > sessions);
    await().atMost(PROMPTLY).until(() -> handler.runs("during") == 1);

    jobs.enqueue(NewJob.of(tenant, TestJobHandler.KIND, "ok:after"));
    await().atMost(PROMPTLY).until(() -> handler.runs("after") == 1);
    assertThat(postgres.connections(NAME + "-direct")).isOne();
  }
}
