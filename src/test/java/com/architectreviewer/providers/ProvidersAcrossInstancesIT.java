package com.architectreviewer.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.architectreviewer.testsupport.LlmStub;
import com.architectreviewer.testsupport.LlmStub.Reply;
import com.architectreviewer.testsupport.TestDatabase;
import com.architectreviewer.testsupport.TestInstances;
import com.architectreviewer.testsupport.TestRedis;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two application instances on one database and one Redis, as behind a load balancer: a provider's
 * requests-per-minute limit holds for both together, and every provider's breaker state is on
 * {@code /actuator/prometheus}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProvidersAcrossInstancesIT {

  private static final String KEY_ENV = "REVIEWER_TEST_RPM_KEY";
  private static final int LIMIT = 3;
  private static final LlmStub stub = LlmStub.start();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** Unique per run: the counters live in the test JVM's shared Redis. */
  private static final String LIMITED = "limited-" + UUID.randomUUID().toString().substring(0, 8);

  private static final String FLAKY = "flaky-" + UUID.randomUUID().toString().substring(0, 8);
  private static ConfigurableApplicationContext first;
  private static ConfigurableApplicationContext second;

  @BeforeAll
  static void start() {
    var settings = new HashMap<String, String>();
    settings.put("DATABASE_URL", TestDatabase.freshDatabase());
    settings.put("REDIS_URL", TestRedis.shared().url());
    settings.put(KEY_ENV, "sk-test-rpm-0123456789");
    settings.put("reviewer.providers.allow-private-base-urls", "true");
    settings.put("reviewer.providers.max-retries", "0");
    settings.put("reviewer.providers.breaker-minimum-calls", "2");
    // This test is about the shared count; a Redis command slower than the default 250 ms on a busy
    // machine would fall back to per-instance counters (that fallback is KvFailoverIT's subject).
    settings.put("reviewer.kv.command-timeout", "5s");
    settings.put("reviewer.kv.connect-timeout", "5s");
    provider(settings, 0, LIMITED, LIMIT, 1);
    provider(settings, 1, FLAKY, 1000, 2);
    first = TestInstances.start(settings, beans -> {});
    second = TestInstances.start(settings, beans -> {});
  }

  @AfterAll
  static void stop() {
    if (second != null) {
      second.close();
    }
    if (first != null) {
      first.close();
    }
    stub.close();
  }

  private static void provider(
      Map<String, String> settings, int index, String name, int perMinute, int priority) {
    String prefix = "reviewer.providers.catalogue[" + index + "].";
    settings.put(prefix + "name", name);
    settings.put(prefix + "api-style", "openai-chat");
    settings.put(prefix + "base-url", stub.baseUrl(name).toString());
    settings.put(prefix + "model", "model-" + name);
    settings.put(prefix + "api-key-env", KEY_ENV);
    settings.put(prefix + "input-price-per-1k", "0.5");
    settings.put(prefix + "output-price-per-1k", "1.5");
    settings.put(prefix + "max-output-tokens", "100");
    settings.put(prefix + "requests-per-minute", Integer.toString(perMinute));
    settings.put(prefix + "enabled", "true");
    settings.put(prefix + "priority", Integer.toString(priority));
  }

  private static LlmGateway gateway(ConfigurableApplicationContext instance) {
    return instance.getBean(LlmGateway.class);
  }

  private static ChatRequest question() {
    return new ChatRequest("You review code.", "Explain AR-DB-001.", 50);
  }

  @Test
  @Order(1)
  void theRequestsPerMinuteLimitHoldsAcrossInstances() {
    stub.always(LIMITED, Reply.openAi("from the limited one", 1, 1));
    stub.always(FLAKY, Reply.openAi("from the next one", 1, 1));
    var providers = new java.util.ArrayList<String>();

    // Two instances taking turns, 4 calls each: the limit of 3 is for both together. (Should the
    // clock minute end in between, the allowance renews once: at most 2 × 3 calls then.)
    long minute = System.currentTimeMillis() / 60_000;
    for (int i = 0; i < 4; i++) {
      providers.add(gateway(first).complete(question()).provider());
      providers.add(gateway(second).complete(question()).provider());
    }
    boolean sameMinute = System.currentTimeMillis() / 60_000 == minute;

    int limited = stub.received(LIMITED).size();
    assertThat(providers.stream().filter(LIMITED::equals).count()).isEqualTo(limited);
    if (sameMinute) {
      assertThat(limited).isEqualTo(LIMIT);
      assertThat(providers.subList(0, LIMIT)).containsOnly(LIMITED);
      assertThat(providers.subList(LIMIT, providers.size())).containsOnly(FLAKY);
    } else {
      assertThat(limited).isBetween(LIMIT, 2 * LIMIT);
    }
    // each instance alone stayed under the limit: only the shared count can explain the skips
    assertThat(providers.stream().filter(FLAKY::equals).count()).isGreaterThanOrEqualTo(2);
  }

  /** Runs after the limit test: it leaves both providers failing. */
  @Test
  @Order(2)
  void everyProvidersBreakerStateIsOnThePrometheusEndpoint() throws Exception {
    stub.always(FLAKY, Reply.status(503));
    stub.always(LIMITED, Reply.status(503));

    // Before any call on the second instance, both providers' gauges are there, closed.
    String before = scrape(second);
    assertThat(gauge(before, LIMITED, "closed")).isEqualTo(1.0);
    assertThat(gauge(before, FLAKY, "closed")).isEqualTo(1.0);
    assertThat(gauge(before, FLAKY, "open")).isZero();

    // The first instance calls the failing provider until its breaker opens (2 calls, 100 %).
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> gateway(first).complete(question()))
          .isInstanceOf(NoProviderAvailable.class);
    }
    assertThat(gateway(first).circuitState(FLAKY)).isEqualTo("open");

    String after = scrape(first);
    assertThat(gauge(after, FLAKY, "open")).isEqualTo(1.0);
    assertThat(gauge(after, FLAKY, "closed")).isZero();
  }

  /** The value of {@code resilience4j_circuitbreaker_state{name="provider-NAME",state=STATE}}. */
  private static double gauge(String scrape, String provider, String state) {
    var line =
        scrape
            .lines()
            .filter(l -> l.startsWith("resilience4j_circuitbreaker_state{"))
            .filter(l -> l.contains("name=\"provider-" + provider + "\""))
            .filter(l -> l.contains("state=\"" + state + "\""))
            .findFirst();
    assertThat(line).as("breaker gauge of " + provider + " in state " + state).isPresent();
    String text = line.get();
    return Double.parseDouble(text.substring(text.lastIndexOf(' ') + 1));
  }

  private static String scrape(ConfigurableApplicationContext instance) throws Exception {
    var response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:"
                            + TestInstances.port(instance)
                            + "/actuator/prometheus"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }
}
