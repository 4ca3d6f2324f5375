package com.architectreviewer.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * PostgreSQL {@code LISTEN}/{@code NOTIFY} for the whole process: one thread and ONE direct
 * connection ({@link DirectConnections#open()}, never the pool: a transaction pooler gives no
 * session to listen on) listen to every channel some module subscribed to, and hand each
 * notification to that channel's subscribers. Senders need nothing from here: {@code SELECT
 * pg_notify('channel', 'payload')} in their transaction delivers at commit to every process.
 *
 * <p>When the connection breaks (database restart, {@code pg_terminate_backend}, a failed validity
 * check) the listener reconnects after {@link #RECONNECT_PAUSE}, and tells each subscriber through
 * {@link Listener#listening()} once its channel is listened to again: notifications sent meanwhile
 * are lost, so a subscriber covers the gap there (poll, clear a cache). No connection is opened
 * while nobody subscribes.
 */
public final class Notifications implements SmartLifecycle {

  /** Receives one channel's notifications, on the listener thread: keep it short, never block. */
  public interface Listener {

    /** A notification on the channel; {@code payload} is {@code ""} when it had none. */
    void notified(String payload);

    /**
     * The channel is now listened to on a new connection (the first one, or after a reconnect):
     * notifications sent before may have been missed. Called before any notification of that
     * connection reaches this listener.
     */
    default void listening() {}
  }

  /** A subscription; closing it stops the deliveries. */
  public interface Subscription extends AutoCloseable {
    @Override
    void close();
  }

  /** Stops after the web server and the modules that subscribe, starts before them. */
  static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

  static final Duration RECONNECT_PAUSE = Duration.ofSeconds(1);
  private static final int WAIT_MILLIS = 250;
  private static final long VALIDATE_AFTER_NANOS = Duration.ofSeconds(30).toNanos();
  private static final int VALIDATE_TIMEOUT_SECONDS = 5;
  private static final Pattern CHANNEL = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final Logger log = LoggerFactory.getLogger(Notifications.class);

  private final DirectConnections connections;
  private final Map<String, List<Subscriber>> channels = new ConcurrentHashMap<>();
  private final Object lock = new Object();
  private final AtomicLong sessions = new AtomicLong();
  private volatile boolean running;
  private volatile boolean listening;
  private Thread thread;

  // Confined to the listener thread.
  private long connection;
  private boolean lost;

  Notifications(DirectConnections connections) {
    this.connections = connections;
  }

  /**
   * Delivers the channel's notifications to {@code listener} until the subscription is closed.
   * Channel names are lower case identifiers ({@code [a-z_][a-z0-9_]*}, at most 63 characters), as
   * {@code pg_notify} must name them.
   */
  public Subscription subscribe(String channel, Listener listener) {
    if (channel == null || !CHANNEL.matcher(channel).matches()) {
      throw new IllegalArgumentException("Not a valid notification channel: " + channel);
    }
    var subscriber = new Subscriber(listener);
    channels.computeIfAbsent(channel, name -> new CopyOnWriteArrayList<>()).add(subscriber);
    synchronized (lock) {
      lock.notifyAll();
    }
    return () ->
        channels.computeIfPresent(
            channel,
            (name, subscribers) -> {
              subscribers.remove(subscriber);
              return subscribers.isEmpty() ? null : subscribers;
            });
  }

  /** True while the listener listens on a working connection (as far as it knows). */
  public boolean isListening() {
    return listening;
  }

  /**
   * How many connections the listener has listened on since it started: 1 once it first listens,
   * one more after each reconnect (each time after its subscribers were told).
   */
  public long sessions() {
    return sessions.get();
  }

  @Override
  public void start() {
    synchronized (lock) {
      if (running) {
        return;
      }
      running = true;
      thread = Thread.ofPlatform().daemon().name("reviewer-notifications").start(this::run);
    }
  }

  @Override
  public void stop() {
    Thread stopping;
    synchronized (lock) {
      running = false;
      stopping = thread;
      thread = null;
      lock.notifyAll();
    }
    if (stopping != null) {
      stopping.interrupt();
      try {
        // The loop notices within one wait and closes its connection before the server goes.
        stopping.join(Duration.ofMillis(WAIT_MILLIS).multipliedBy(4));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }

  private void run() {
    while (running) {
      if (!awaitSubscribers()) {
        return;
      }
      try (Connection session = connections.open()) {
        session.setAutoCommit(true);
        connection++;
        listen(session);
      } catch (SQLException | RuntimeException e) {
        if (running) {
          if (!lost) {
            log.warn(
                "Notification listener has no database connection ({}); retrying every {} ms,"
                    + " subscribers catch up once it listens again",
                e.getMessage(),
                RECONNECT_PAUSE.toMillis());
            lost = true;
          } else {
            log.debug("Notification listener could not reconnect: {}", e.getMessage());
          }
          pause();
        }
      } finally {
        listening = false;
      }
    }
  }

  /** Listens on one connection until it breaks (throws) or the listener stops (returns). */
  private void listen(Connection session) throws SQLException {
    var pg = session.unwrap(PGConnection.class);
    Set<String> listened = new HashSet<>();
    reconcile(session, listened);
    listening = true;
    sessions.incrementAndGet();
    if (lost) {
      log.info("Notification listener reconnected, listening to {}", listened);
      lost = false;
    }
    long lastTraffic = System.nanoTime();
    while (running) {
      PGNotification[] received = pg.getNotifications(WAIT_MILLIS);
      long now = System.nanoTime();
      if (received != null && received.length > 0) {
        lastTraffic = now;
        for (PGNotification notification : received) {
          deliver(notification.getName(), notification.getParameter());
        }
      } else if (now - lastTraffic > VALIDATE_AFTER_NANOS) {
        // A silently dead peer (host gone, no RST) would otherwise leave us listening to nothing.
        if (!session.isValid(VALIDATE_TIMEOUT_SECONDS)) {
          throw new SQLException("the listening connection is no longer valid");
        }
        lastTraffic = now;
      }
      reconcile(session, listened);
    }
  }

  /**
   * LISTENs to channels that gained subscribers, UNLISTENs those that lost them, and tells every
   * subscriber not yet told on this connection that it is listening.
   */
  private void reconcile(Connection session, Set<String> listened) throws SQLException {
    for (String channel : channels.keySet()) {
      if (listened.add(channel)) {
        execute(session, "LISTEN \"" + channel + "\"");
      }
    }
    for (var iterator = listened.iterator(); iterator.hasNext(); ) {
      String channel = iterator.next();
      if (!channels.containsKey(channel)) {
        execute(session, "UNLISTEN \"" + channel + "\"");
        iterator.remove();
      }
    }
    for (var entry : channels.entrySet()) {
      if (!listened.contains(entry.getKey())) {
        continue;
      }
      for (Subscriber subscriber : entry.getValue()) {
        if (subscriber.connection != connection) {
          subscriber.connection = connection;
          call(entry.getKey(), subscriber.listener::listening);
        }
      }
    }
  }

  private void deliver(String channel, String payload) {
    var subscribers = channels.get(channel);
    if (subscribers == null) {
      return;
    }
    String message = payload == null ? "" : payload;
    for (Subscriber subscriber : subscribers) {
      // One that joined after the last reconcile hears of it from listening() first.
      if (subscriber.connection == connection) {
        call(channel, () -> subscriber.listener.notified(message));
      }
    }
  }

  private static void call(String channel, Runnable handler) {
    try {
      handler.run();
    } catch (RuntimeException e) {
      log.warn("A subscriber of notification channel {} failed", channel, e);
    }
  }

  private static void execute(Connection session, String sql) throws SQLException {
    try (var statement = session.createStatement()) {
      statement.execute(sql);
    }
  }

  /** Waits until some module subscribes; false when the listener stopped meanwhile. */
  private boolean awaitSubscribers() {
    synchronized (lock) {
      while (running && channels.isEmpty()) {
        try {
          lock.wait();
        } catch (InterruptedException e) {
          return false;
        }
      }
      return running;
    }
  }

  private void pause() {
    synchronized (lock) {
      long until = System.nanoTime() + RECONNECT_PAUSE.toNanos();
      long left;
      while (running && (left = until - System.nanoTime()) > 0) {
        try {
          lock.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  private static final class Subscriber {
    private final Listener listener;

    /** The connection (by number) on which this subscriber was last told it is listening. */
    private long connection;

    private Subscriber(Listener listener) {
      this.listener = listener;
    }
  }
}
