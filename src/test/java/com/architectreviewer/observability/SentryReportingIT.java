package com.architectreviewer.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.architectreviewer.security.ApiKeys;
import com.architectreviewer.security.Caller;
import com.architectreviewer.testsupport.PlatformTest;
import com.sun.net.httpserver.HttpServer;
import io.sentry.Sentry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A local HTTP receiver plays Sentry's ingest (the one external boundary we cannot reach): one
 * failing request must produce exactly one event, with the stack trace, the problem's error id as
 * event id, and no secret in it.
 */
@PlatformTest
@ExtendWith(OutputCaptureExtension.class)
@Import(SentryReportingIT.FailingController.class)
class SentryReportingIT {

  private static final String SECRET_IN_MESSAGE =
      "postgres://app:s3cr3tPassw0rd@db.example.com:5432/app";
  private static final List<String> envelopes = new CopyOnWriteArrayList<>();
  private static final HttpServer receiver = startReceiver();

  @Autowired TestRestTemplate http;
  @Autowired ApiKeys apiKeys;

  private final ObjectMapper json = new ObjectMapper();

  @DynamicPropertySource
  static void sentry(DynamicPropertyRegistry registry) {
    registry.add(
        "sentry.dsn", () -> "http://publickey@127.0.0.1:" + receiver.getAddress().getPort() + "/1");
    registry.add("sentry.send-client-reports", () -> "false");
  }

  @AfterAll
  static void stopReceiver() {
    receiver.stop(0);
  }

  @Test
  void oneFailingRequestProducesExactlyOneScrubbedEventWithTheProblemsErrorId(CapturedOutput logs) {
    String key = apiKeys.createKey(apiKeys.ensureTenant("sentry-tenant"), Caller.Role.MEMBER);
    var headers = new HttpHeaders();
    headers.setBearerAuth(key);
    headers.add("Cookie", "session=cookie-secret-value");
    headers.add("X-Request-Id", "req-sentry-1");

    var response =
        http.exchange("/api/test/boom", HttpMethod.GET, new HttpEntity<>(headers), String.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    String errorId = json.readTree(response.getBody()).path("errorId").asString();
    assertThat(response.getBody()).doesNotContain("s3cr3t").doesNotContain("Exception");

    Sentry.flush(5_000);
    List<JsonNode> events =
        envelopes.stream().flatMap(this::items).filter(i -> i.has("exception")).toList();
    assertThat(events).hasSize(1);
    JsonNode event = events.getFirst();
    String raw = event.toString();
    assertThat(event.path("event_id").asString()).isEqualTo(errorId);
    assertThat(event.path("release").asString()).startsWith("reviewer-").doesNotContain("@");
    assertThat(
            event.path("exception").path("values").get(0).path("stacktrace").path("frames").size())
        .isGreaterThan(3);
    assertThat(event.path("tags").path("request_id").asString()).isEqualTo("req-sentry-1");
    assertThat(event.path("tags").path("tenant_id").asString()).isNotBlank();
    assertThat(raw)
        .doesNotContain("s3cr3tPassw0rd")
        .doesNotContain(key)
        .doesNotContain(key.substring(4))
        .doesNotContain("cookie-secret-value");
    assertThat(logs.getOut()).contains(errorId).doesNotContain("s3cr3tPassw0rd");
  }

  private java.util.stream.Stream<JsonNode> items(String envelope) {
    // An envelope is newline-delimited: a header line, then item header / payload pairs.
    String[] lines = envelope.split("\n");
    var payloads = new java.util.ArrayList<JsonNode>();
    for (int i = 2; i < lines.length; i += 2) {
      if (!lines[i].isBlank()) {
        payloads.add(json.readTree(lines[i]));
      }
    }
    return payloads.stream();
  }

  private static HttpServer startReceiver() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/",
          exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if ("gzip"
                .equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
              body = new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
            }
            envelopes.add(new String(body, StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
          });
      server.start();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @RestController
  static class FailingController {
    @GetMapping("/api/test/boom")
    String boom() {
      throw new IllegalStateException("could not reach " + SECRET_IN_MESSAGE);
    }
  }
}
