package com.architectreviewer.jobs;

import com.architectreviewer.db.DirectConnections;
import com.github.kagkarlsson.scheduler.Scheduler;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Wakes this process's scheduler when any process enqueues a job: {@code LISTEN reviewer_jobs} on
 * one connection held for the purpose, {@code NOTIFY} in the enqueueing transaction. Polling stays
 * as the backstop; when the connection breaks (database restart) it reconnects and polls once.
 *
 * <p>LISTEN needs a session: with a transaction-mode pooler in front of the database this must be a
 * direct connection (DIRECT_URL), never one through PgBouncer.
 */
@Component
class JobWakeup implements SmartLifecycle {

  static final String CHANNEL = "reviewer_jobs";
  private static final Logger log = LoggerFactory.getLogger(JobWakeup.class);
  private static final int WAIT_MILLIS = 500;
  private static final long RECONNECT_MILLIS = 1000;

  private final DirectConnections connections;
  private final ObjectProvider<Scheduler> scheduler;
  private final JobsProperties properties;
  private volatile boolean running;
  private Thread thread;

  JobWakeup(
      DirectConnections connections,
      ObjectProvider<Scheduler> scheduler,
      JobsProperties properties) {
    this.connections = connections;
    this.scheduler = scheduler;
    this.properties = properties;
  }

  @Override
  public synchronized void start() {
    if (!properties.workersEnabled() || scheduler.getIfAvailable() == null) {
      return;
    }
    running = true;
    thread = Thread.ofPlatform().daemon().name("reviewer-job-wakeup").start(this::listen);
  }

  @Override
  public synchronized void stop() {
    running = false;
    if (thread != null) {
      thread.interrupt();
      thread = null;
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void listen() {
    while (running) {
      try (Connection connection = connections.open()) {
        connection.setAutoCommit(true);
        try (var statement = connection.createStatement()) {
          statement.execute("LISTEN " + CHANNEL);
        }
        var notifications = connection.unwrap(PGConnection.class);
        wake();
        while (running) {
          var received = notifications.getNotifications(WAIT_MILLIS);
          if (received != null && received.length > 0) {
            wake();
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (running) {
          log.warn(
              "Job wake-up listener lost its connection ({}); polling covers the gap, reconnecting"
                  + " in {} ms",
              e.getMessage(),
              RECONNECT_MILLIS);
          pause();
        }
      }
    }
  }

  private void wake() {
    var current = scheduler.getIfAvailable();
    if (current != null) {
      current.triggerCheckForDueExecutions();
    }
  }

  private void pause() {
    try {
      Thread.sleep(RECONNECT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
