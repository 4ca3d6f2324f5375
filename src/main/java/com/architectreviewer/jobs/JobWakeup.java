package com.architectreviewer.jobs;

import com.architectreviewer.db.Notifications;
import com.github.kagkarlsson.scheduler.Scheduler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Wakes this process's scheduler when any process enqueues a job: {@code NOTIFY reviewer_jobs} in
 * the enqueueing transaction, heard through the process's one {@link Notifications} listener (a
 * direct connection, never one through PgBouncer). Polling stays as the backstop; when the listener
 * (re)connects, a notification may have been missed, so it polls once. Only in processes that run
 * workers.
 */
@Component
class JobWakeup implements SmartLifecycle {

  static final String CHANNEL = "reviewer_jobs";

  private final Notifications notifications;
  private final ObjectProvider<Scheduler> scheduler;
  private final JobsProperties properties;
  private Notifications.Subscription subscription;

  JobWakeup(
      Notifications notifications, ObjectProvider<Scheduler> scheduler, JobsProperties properties) {
    this.notifications = notifications;
    this.scheduler = scheduler;
    this.properties = properties;
  }

  @Override
  public synchronized void start() {
    if (subscription != null
        || !properties.workersEnabled()
        || scheduler.getIfAvailable() == null) {
      return;
    }
    subscription =
        notifications.subscribe(
            CHANNEL,
            new Notifications.Listener() {
              @Override
              public void notified(String payload) {
                wake();
              }

              @Override
              public void listening() {
                wake();
              }
            });
  }

  @Override
  public synchronized void stop() {
    if (subscription != null) {
      subscription.close();
      subscription = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return subscription != null;
  }

  private void wake() {
    var current = scheduler.getIfAvailable();
    if (current != null) {
      current.triggerCheckForDueExecutions();
    }
  }
}
