package com.architectreviewer.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.architectreviewer.testsupport.PlatformTest;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With OTEL_EXPORTER_OTLP_ENDPOINT set, request spans reach an OTLP/HTTP receiver (a local one
 * here).
 */
@PlatformTest
// The context exports to the collector this class owns: close it with the class, not at JVM exit.
@DirtiesContext
class TraceExportIT {

  private static final List<String> paths = new CopyOnWriteArrayList<>();
  private static final HttpServer collector = startCollector();

  @Autowired TestRestTemplate http;

  @DynamicPropertySource
  static void otlp(DynamicPropertyRegistry registry) {
    // What ObservabilityEnvironment derives from OTEL_EXPORTER_OTLP_ENDPOINT (tested on its own).
    registry.add(
        "management.opentelemetry.tracing.export.otlp.endpoint",
        () -> "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/traces");
    registry.add("REVIEWER_TRACE_SAMPLING", () -> "1.0");
  }

  @AfterAll
  static void stop() {
    collector.stop(0);
  }

  @Test
  void requestSpansAreExportedOverOtlpHttp() {
    for (int i = 0; i < 3; i++) {
      http.getForEntity("/actuator/health", String.class);
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(paths).contains("/v1/traces"));
  }

  private static HttpServer startCollector() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/",
          exchange -> {
            exchange.getRequestBody().readAllBytes();
            paths.add(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
          });
      server.start();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
