package com.architectreviewer.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.architectreviewer.jobs.JobContext;
import com.architectreviewer.jobs.JobHandler;
import com.architectreviewer.jobs.JobState;
import com.architectreviewer.jobs.Jobs;
import com.architectreviewer.jobs.NewJob;
import com.architectreviewer.security.ApiKeys;
import com.architectreviewer.security.Caller;
import com.architectreviewer.testsupport.PlatformTest;
import com.architectreviewer.testsupport.TestRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Every metric the Grafana dashboard queries exists on a running instance's /actuator/prometheus,
 * after ordinary traffic (requests, an authenticated API call, one job run), so no panel is
 * silently empty.
 */
@PlatformTest
@Import(GrafanaDashboardIT.NoopJob.class)
class GrafanaDashboardIT {

  @DynamicPropertySource
  static void redis(DynamicPropertyRegistry registry) {
    // The production topology: Redis present, so the KV, breaker and cache panels have data.
    registry.add("REDIS_URL", () -> TestRedis.shared().url());
  }

  private static final Path DASHBOARD = Path.of("deploy", "grafana", "reviewer.json");
  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Set<String> PROMQL_WORDS =
      Set.of(
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "and",
          "or",
          "unless",
          "bool",
          "offset");

  @Autowired TestRestTemplate http;
  @Autowired ApiKeys apiKeys;
  @Autowired Jobs jobs;

  @Test
  void everyQueriedMetricIsExposed() throws Exception {
    UUID tenant = apiKeys.ensureTenant("dashboard");
    driveTraffic(tenant);

    Set<String> exposed = exposedMetricNames();
    Set<String> queried = queriedMetricNames();

    assertThat(
            metricNames(
                "histogram_quantile(0.95, sum by (le, uri) (rate(x_seconds_bucket{a=\"b\"}[5m])))"
                    + " / on (instance) max(y_total)"))
        .containsExactly("x_seconds_bucket", "y_total");
    assertThat(queried).hasSizeGreaterThan(10);
    assertThat(exposed).containsAll(queried);
  }

  private void driveTraffic(UUID tenant) {
    http.getForEntity("/actuator/health", String.class);
    http.getForEntity("/api/v1/jobs/" + UUID.randomUUID(), String.class);
    var headers = new HttpHeaders();
    headers.setBearerAuth(apiKeys.createKey(tenant, Caller.Role.MEMBER));
    http.exchange(
        "/api/v1/jobs/" + UUID.randomUUID(),
        HttpMethod.GET,
        new HttpEntity<>(headers),
        String.class);
    UUID job = jobs.enqueue(NewJob.of(tenant, NoopJob.KIND, "{}")).jobId();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> jobs.find(tenant, job).orElseThrow().state() == JobState.SUCCEEDED);
  }

  private Set<String> exposedMetricNames() {
    String scrape = http.getForObject("/actuator/prometheus", String.class);
    Set<String> names = new TreeSet<>();
    for (String line : scrape.split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        var matcher = IDENTIFIER.matcher(line);
        if (matcher.lookingAt()) {
          names.add(matcher.group());
        }
      }
    }
    return names;
  }

  private static Set<String> queriedMetricNames() throws Exception {
    JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
    Set<String> names = new TreeSet<>();
    for (JsonNode panel : dashboard.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        names.addAll(metricNames(target.path("expr").asString()));
      }
    }
    return names;
  }

  /**
   * Metric names in a PromQL expression: identifiers that are not functions, keywords or labels.
   */
  static Set<String> metricNames(String expr) {
    String stripped =
        expr.replaceAll("\"[^\"]*\"", "\"\"")
            .replaceAll("\\{[^}]*}", "")
            .replaceAll("\\[[^]]*]", "")
            .replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", "");
    Set<String> names = new TreeSet<>();
    var matcher = IDENTIFIER.matcher(stripped);
    while (matcher.find()) {
      String word = matcher.group();
      int next = matcher.end();
      while (next < stripped.length() && stripped.charAt(next) == ' ') {
        next++;
      }
      boolean isFunction = next < stripped.length() && stripped.charAt(next) == '(';
      if (!isFunction && !PROMQL_WORDS.contains(word) && !word.matches("\\d.*")) {
        names.add(word);
      }
    }
    return names;
  }

  /** A job kind that does nothing, registered through {@code @Import}. */
  static class NoopJob implements JobHandler {
    static final String KIND = "dashboard-noop";

    @Override
    public String kind() {
      return KIND;
    }

    @Override
    public String run(JobContext context) {
      return null;
    }
  }
}
