package com.architectreviewer.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.architectreviewer.testsupport.ApiClient;
import com.architectreviewer.testsupport.ApiEndpoints;
import com.architectreviewer.testsupport.ApiEndpoints.Endpoint;
import com.architectreviewer.testsupport.ApiPlatformTest;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Sends a battery of malformed requests to every {@code /api/} endpoint the platform maps and
 * asserts that each is answered with a 4xx problem+json that leaks nothing, never a 5xx, and that
 * nothing was written.
 */
@ApiPlatformTest
class MalformedInputIT {

  private static final String PROBLEM_BASE = "https://architect-reviewer.dev/problems/";
  private static final List<String> LEAKS =
      List.of("Exception", "\tat ", "at com.", "at org.", "SQL", "postgres", "rvw_", "jdbc:");

  @LocalServerPort int port;
  @Autowired ApiKeys keys;
  @Autowired JdbcClient jdbc;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mapping;

  /** One malformed request: a label, how to send it, and what may answer it. */
  record Case(String label, String method, String path, byte[] body, Map<String, String> headers) {}

  @Test
  void everyEndpointAnswersMalformedInputWithA4xxProblemAndWritesNothing() {
    UUID tenant = keys.ensureTenant("battery-" + UUID.randomUUID());
    String key = keys.createKey(tenant, Caller.Role.ADMIN);
    var api = new ApiClient(port, key);
    List<Endpoint> endpoints = ApiEndpoints.of(mapping);
    assertThat(endpoints).extracting(Endpoint::toString).contains("POST /api/v1/repositories");
    Map<String, Long> before = rowCounts(tenant);

    var failures = new ArrayList<String>();
    int sent = 0;
    for (Endpoint endpoint : endpoints) {
      for (Case c : cases(endpoint, key)) {
        var response =
            api.withKey(c.headers().containsKey("Authorization") ? null : key)
                .send(c.method(), c.path(), c.body(), c.headers());
        sent++;
        String problem = check(response);
        if (problem != null) {
          failures.add(
              endpoint + " / " + c.label() + " -> " + response.statusCode() + ": " + problem);
        }
      }
    }

    System.out.printf(
        "Malformed-input battery: %d requests to %d endpoints (%s)%n",
        sent, endpoints.size(), endpoints);
    assertThat(failures).isEmpty();
    assertThat(rowCounts(tenant)).isEqualTo(before);
    assertThat(sent).isGreaterThan(endpoints.size() * 20);
  }

  /** Null when the response is an acceptable answer to a malformed request, else why not. */
  private static String check(HttpResponse<String> response) {
    int status = response.statusCode();
    if (status < 400 || status >= 500) {
      return "status is not 4xx; body " + abbreviate(response.body());
    }
    String type = response.headers().firstValue("Content-Type").orElse("");
    if (!type.startsWith("application/problem+json")) {
      return "content type " + type + "; body " + abbreviate(response.body());
    }
    if (!response.body().contains("\"type\":\"" + PROBLEM_BASE)) {
      return "no stable problem type: " + abbreviate(response.body());
    }
    for (String leak : LEAKS) {
      if (response.body().contains(leak)) {
        return "leaks '" + leak + "': " + abbreviate(response.body());
      }
    }
    return null;
  }

  private static List<Case> cases(Endpoint endpoint, String key) {
    var cases = new ArrayList<Case>();
    String missing = endpoint.path(UUID.randomUUID().toString());
    // Invalid identifiers, traversal and injection in path variables.
    if (endpoint.hasPathVariables()) {
      for (String id :
          List.of(
              "not-a-uuid",
              "..%2F..%2Fetc%2Fpasswd",
              "%2e%2e",
              "-1",
              "99999999999999999999999",
              encode("' OR 1=1 --"),
              encode("<script>alert(1)</script>"),
              "%00",
              "x".repeat(3000),
              UUID.randomUUID().toString().toUpperCase() + "0")) {
        cases.add(
            new Case(
                "path variable " + abbreviate(id),
                endpoint.method(),
                endpoint.path(id),
                body(endpoint, "{}"),
                json()));
      }
    }
    // Declared query parameters with values of the wrong type or range.
    for (String parameter : endpoint.queryParameters()) {
      for (String value :
          List.of(
              "-1",
              "0",
              "99999999999999999999",
              "abc",
              "1.5",
              "!!!",
              "A".repeat(400),
              encode("v1:x:y"),
              encode("../../etc/passwd"))) {
        if (!parameter.equals("limit")
            && (value.equals("-1") || value.equals("0") || value.equals("1.5"))) {
          continue;
        }
        cases.add(
            new Case(
                "query " + parameter + "=" + abbreviate(value),
                endpoint.method(),
                missingWithQuery(endpoint, parameter, value),
                body(endpoint, "{}"),
                json()));
      }
    }
    // Malformed query strings, on every endpoint that reads its query.
    for (String query :
        endpoint.queryParameters().isEmpty()
            ? List.<String>of()
            : List.of("?=abc", "?=&=&x", "?limit=1&limit=2&cursor=%ff")) {
      cases.add(
          new Case(
              "query string " + query,
              endpoint.method(),
              missing + query,
              body(endpoint, "{}"),
              json()));
    }
    // Malformed, mistyped, oversized and hostile bodies.
    if (endpoint.takesBody()) {
      for (var entry : bodies().entrySet()) {
        cases.add(
            new Case(
                "body " + entry.getKey(), endpoint.method(), missing, entry.getValue(), json()));
      }
      cases.add(
          new Case(
              "text/plain body",
              endpoint.method(),
              missing,
              bytes("{\"name\":\"x\"}"),
              Map.of("Content-Type", "text/plain")));
      cases.add(
          new Case(
              "xml body",
              endpoint.method(),
              missing,
              bytes("<a/>"),
              Map.of("Content-Type", "application/xml")));
      cases.add(
          new Case(
              "bad charset",
              endpoint.method(),
              missing,
              bytes("{}"),
              Map.of("Content-Type", "application/json; charset=klingon")));
      cases.add(
          new Case(
              "bad multipart",
              endpoint.method(),
              missing,
              bytes("--x\r\nbroken"),
              Map.of("Content-Type", "multipart/form-data; boundary=x")));
    }
    // Authentication and header abuse.
    byte[] body = body(endpoint, "{}");
    cases.add(new Case("no key", endpoint.method(), missing, body, withJson("Authorization", "")));
    cases.add(
        new Case(
            "unknown key",
            endpoint.method(),
            missing,
            body,
            withJson("Authorization", "Bearer rvw_00000000_" + "0".repeat(64))));
    cases.add(
        new Case(
            "basic auth",
            endpoint.method(),
            missing,
            body,
            withJson("Authorization", "Basic YWRtaW46YWRtaW4=")));
    cases.add(
        new Case(
            "huge key",
            endpoint.method(),
            missing,
            body,
            withJson("Authorization", "Bearer " + "a".repeat(6000))));
    cases.add(
        new Case(
            "key with sql",
            endpoint.method(),
            missing,
            body,
            withJson("Authorization", "Bearer rvw_' OR '1'='1_x")));
    cases.add(
        new Case(
            "truncated key",
            endpoint.method(),
            missing,
            body,
            withJson("Authorization", "Bearer " + key.substring(0, key.length() - 3))));
    // Declared headers with hostile values.
    for (String header : endpoint.headers()) {
      for (String value : List.of("k".repeat(5000), "-1", "abc def", "\u00e9t\u00e9")) {
        cases.add(
            new Case(
                "header " + header + "=" + abbreviate(value),
                endpoint.method(),
                missing,
                body,
                withJson(header, value)));
      }
    }
    cases.add(
        new Case(
            "accept xml", endpoint.method(), missing, body, withJson("Accept", "application/xml")));
    return cases;
  }

  private static String missingWithQuery(Endpoint endpoint, String parameter, String value) {
    return endpoint.path(UUID.randomUUID().toString()) + "?" + parameter + "=" + value;
  }

  private static Map<String, byte[]> bodies() {
    var bodies = new LinkedHashMap<String, byte[]>();
    bodies.put("broken json", bytes("{\"name\": "));
    bodies.put("trailing garbage", bytes("{\"name\":\"a\"} trailing"));
    bodies.put("array", bytes("[]"));
    bodies.put("null", bytes("null"));
    bodies.put("string", bytes("\"just a string\""));
    bodies.put("number", bytes("42"));
    bodies.put("empty", new byte[0]);
    bodies.put("empty object", bytes("{}"));
    bodies.put("wrong types", bytes("{\"name\":123,\"url\":true,\"path\":[],\"limit\":\"5\"}"));
    bodies.put(
        "unknown fields",
        bytes("{\"name\":\"a\",\"url\":\"https://example.com/a.git\",\"admin\":true}"));
    bodies.put("duplicate keys", bytes("{\"name\":\"a\",\"name\":\"b\"}"));
    bodies.put(
        "huge string",
        bytes("{\"name\":\"" + "n".repeat(200_000) + "\",\"url\":\"https://example.com/a.git\"}"));
    bodies.put("negative number", bytes("{\"name\":\"a\",\"limit\":-1,\"priority\":-99999999}"));
    bodies.put(
        "huge number", bytes("{\"name\":\"a\",\"limit\":1e400,\"count\":99999999999999999999999}"));
    bodies.put("deep nesting", bytes("[".repeat(5000) + "]".repeat(5000)));
    bodies.put(
        "invalid utf-8",
        new byte[] {'{', '"', 'n', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
    bodies.put("over 1 MiB", bytes("{\"name\":\"" + "x".repeat(1_200_000) + "\"}"));
    bodies.put("path traversal", bytes("{\"name\":\"a\",\"path\":\"/../../../../etc\"}"));
    bodies.put("relative traversal", bytes("{\"name\":\"a\",\"path\":\"../../etc/passwd\"}"));
    bodies.put("nul in path", bytes("{\"name\":\"a\",\"path\":\"/tmp/\\u0000x\"}"));
    for (String url :
        List.of(
            "https://169.254.169.254/latest/meta-data/",
            "https://127.0.0.1:5432/",
            "https://localhost/repo.git",
            "https://[::1]/repo.git",
            "https://10.1.2.3/repo.git",
            "https://0x7f000001/repo.git",
            "http://example.com/repo.git",
            "file:///etc/passwd",
            "gopher://127.0.0.1:6379/_INFO",
            "https://user:pass@example.com/repo.git")) {
      bodies.put(
          "ssrf " + url,
          bytes("{\"name\":\"ssrf\",\"url\":\"" + url + "\",\"urls\":[\"" + url + "\"]}"));
    }
    return bodies;
  }

  private static byte[] body(Endpoint endpoint, String json) {
    return endpoint.takesBody() ? bytes(json) : null;
  }

  private static Map<String, String> json() {
    return Map.of("Content-Type", "application/json");
  }

  private static Map<String, String> withJson(String header, String value) {
    return Map.of("Content-Type", "application/json", header, value);
  }

  /**
   * Rows per table (the battery tenant's rows where a table has {@code tenant_id}). Left out:
   * bookkeeping tables and the analytics logs, which record the refused requests themselves.
   */
  private Map<String, Long> rowCounts(UUID tenant) {
    var counts = new LinkedHashMap<String, Long>();
    List<String> tables =
        jdbc.sql(
                """
                SELECT table_name FROM information_schema.tables
                WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
                  AND table_name NOT IN ('flyway_schema_history', 'scheduled_tasks',
                                         'product_events', 'audit_entries')
                ORDER BY table_name
                """)
            .query(String.class)
            .list();
    for (String table : tables) {
      boolean tenantScoped =
          jdbc.sql(
                  """
                  SELECT EXISTS (SELECT 1 FROM information_schema.columns
                  WHERE table_schema = 'public' AND table_name = :table AND column_name = 'tenant_id')
                  """)
              .param("table", table)
              .query(Boolean.class)
              .single();
      String sql =
          tenantScoped
              ? "SELECT count(*) FROM \"" + table + "\" WHERE tenant_id = :tenant"
              : "SELECT count(*) FROM \"" + table + "\"";
      var statement = jdbc.sql(sql);
      if (tenantScoped) {
        statement = statement.param("tenant", tenant);
      }
      counts.put(table, statement.query(Long.class).single());
    }
    return counts;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  private static String abbreviate(String value) {
    return value == null || value.length() <= 120 ? value : value.substring(0, 120) + "…";
  }
}
