package com.architectreviewer.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.architectreviewer.testsupport.PlatformTest;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.tracer.common.SpanContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
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
  @Autowired ApplicationContext context;

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

  /**
   * Exemplars link the request histograms to sampled traces, through the tracer injected up front
   * ({@link EagerSpanContext}: Spring Boot's lazy lookup could deadlock startup).
   */
  @Test
  void requestHistogramsCarryTraceIdsAsExemplars() {
    assertThat(context.getBean(SpanContext.class)).isInstanceOf(EagerSpanContext.class);
    for (int i = 0; i < 3; i++) {
      http.getForEntity("/actuator/health", String.class);
    }
    var headers = new HttpHeaders();
    headers.set(HttpHeaders.ACCEPT, "application/openmetrics-text; version=1.0.0");
    String scrape =
        http.exchange(
                "/actuator/prometheus", HttpMethod.GET, new HttpEntity<>(headers), String.class)
            .getBody();
    assertThat(scrape)
        .containsPattern(
            "http_server_requests_seconds_bucket\\{[^}]*\\} \\d+ # \\{[^}]*trace_id=\"[0-9a-f]{32}\"");
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
