package com.architectreviewer.db;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Pool and embedded-server settings ({@code reviewer.db.*}). Where a Prisma-style URL parameter
 * says the same thing ({@code connection_limit}, {@code pool_timeout}, {@code connect_timeout}),
 * either may be set; both set to different values is a startup error.
 *
 * @param poolSize maximum connections of the pool; unset = {@code connection_limit}, else cores × 2
 *     + 1
 * @param poolTimeout how long a request waits for a pooled connection before it gets a 503; unset =
 *     {@code pool_timeout}, else {@value #DEFAULT_POOL_TIMEOUT_SECONDS} s
 * @param maxWaiting callers that may wait for a pooled connection at the same time; the next one is
 *     refused at once (503), default {@value #DEFAULT_MAX_WAITING}
 * @param connectTimeout how long opening one new connection may take; unset = {@code
 *     connect_timeout}, else {@value #DEFAULT_CONNECT_TIMEOUT_SECONDS} s
 * @param expectedInstances how many processes share the server, for the connection-budget check
 * @param leakDetectionThreshold a connection held longer than this is logged with the stack that
 *     took it
 * @param healthTimeout the readiness check answers DOWN when no connection comes within this time
 * @param applicationName {@code application_name} of every connection unless the URL sets one
 * @param embeddedListenAddress address the embedded PostgreSQL listens on
 * @param embeddedPort port of the embedded PostgreSQL; 0 = a free port
 */
@ConfigurationProperties("reviewer.db")
record DatabaseProperties(
    Integer poolSize,
    Duration poolTimeout,
    Integer maxWaiting,
    Duration connectTimeout,
    Integer expectedInstances,
    Duration leakDetectionThreshold,
    Duration healthTimeout,
    String applicationName,
    String embeddedListenAddress,
    Integer embeddedPort) {

  static final int DEFAULT_POOL_TIMEOUT_SECONDS = 10;
  static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 5;
  static final int DEFAULT_MAX_WAITING = 256;
  static final int DEFAULT_EXPECTED_INSTANCES = 1;
  static final Duration DEFAULT_LEAK_DETECTION_THRESHOLD = Duration.ofSeconds(30);
  static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofSeconds(1);
  static final String DEFAULT_APPLICATION_NAME = "architect-reviewer";
  static final String DEFAULT_EMBEDDED_LISTEN_ADDRESS = "127.0.0.1";

  DatabaseProperties {
    maxWaiting = maxWaiting != null ? maxWaiting : DEFAULT_MAX_WAITING;
    expectedInstances = expectedInstances != null ? expectedInstances : DEFAULT_EXPECTED_INSTANCES;
    leakDetectionThreshold =
        leakDetectionThreshold != null ? leakDetectionThreshold : DEFAULT_LEAK_DETECTION_THRESHOLD;
    healthTimeout = healthTimeout != null ? healthTimeout : DEFAULT_HEALTH_TIMEOUT;
    applicationName = applicationName != null ? applicationName : DEFAULT_APPLICATION_NAME;
    embeddedListenAddress =
        embeddedListenAddress != null ? embeddedListenAddress : DEFAULT_EMBEDDED_LISTEN_ADDRESS;
    embeddedPort = embeddedPort != null ? embeddedPort : 0;
    if (poolSize != null && poolSize < 1) {
      throw new DatabaseUrlRejected("reviewer.db.pool-size", "it must be at least 1");
    }
    if (maxWaiting < 1) {
      throw new DatabaseUrlRejected("reviewer.db.max-waiting", "it must be at least 1");
    }
    if (expectedInstances < 1) {
      throw new DatabaseUrlRejected("reviewer.db.expected-instances", "it must be at least 1");
    }
  }

  /** Defaults only, as when nothing is configured. */
  static DatabaseProperties defaults() {
    return new DatabaseProperties(null, null, null, null, null, null, null, null, null, null);
  }
}
