package com.architectreviewer.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import redis.embedded.RedisServer;

/**
 * A real Redis for tests (the redis 6.2 binary bundled with {@code embedded-redis}), bound to
 * 127.0.0.1 on a free port, never the system Redis on 6379.
 *
 * <p>{@link #shared()} is one server per test JVM for tests that only need a Redis. Fault tests
 * take their own with {@link #startNew()} and {@link #stop()}/{@link #start()} it (the port stays
 * the same, so clients reconnect to it); {@link #close()} stops it for good.
 */
public final class TestRedis implements AutoCloseable {

  private static TestRedis shared;

  private final int port;
  private RedisServer server;

  private TestRedis(int port) {
    this.port = port;
  }

  /** The Redis of this test JVM, started on first use and stopped when the JVM exits. */
  public static synchronized TestRedis shared() {
    if (shared == null) {
      shared = startNew();
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "test-redis-stop"));
    }
    return shared;
  }

  /** A new Redis of the caller's own, started. */
  public static TestRedis startNew() {
    var redis = new TestRedis(freePort());
    redis.start();
    return redis;
  }

  /** {@code redis://127.0.0.1:PORT}, for {@code REDIS_URL}. */
  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public synchronized boolean isRunning() {
    return server != null && server.isActive();
  }

  /** Starts the server (again) on its port; no data survives a stop. */
  public synchronized void start() {
    if (isRunning()) {
      return;
    }
    try {
      server =
          RedisServer.newRedisServer()
              .bind("127.0.0.1")
              .port(port)
              .setting("save \"\"")
              .setting("appendonly no")
              .build();
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Test Redis did not start on port " + port, e);
    }
  }

  /** Stops the server; clients see their connections drop. */
  public synchronized void stop() {
    if (server != null) {
      try {
        server.stop();
      } catch (IOException e) {
        throw new UncheckedIOException("Test Redis did not stop", e);
      }
      server = null;
    }
  }

  @Override
  public void close() {
    stop();
  }

  private static int freePort() {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free loopback port for a test Redis", e);
    }
  }
}
