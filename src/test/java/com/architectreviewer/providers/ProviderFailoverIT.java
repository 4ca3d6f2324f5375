package com.architectreviewer.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.architectreviewer.kv.KeyValueStore;
import com.architectreviewer.kv.KeyValueStores;
import com.architectreviewer.testsupport.LlmStub;
import com.architectreviewer.testsupport.LlmStub.Reply;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import tools.jackson.databind.json.JsonMapper;

/**
 * The provider gateway against a local server speaking both provider APIs: timeouts, 429 with
 * Retry-After, 5xx, malformed answers, a provider that is down, open breakers and failover.
 */
class ProviderFailoverIT {

  private static final String KEY = "sk-test-0123456789abcdef";
  private static final LlmStub stub = LlmStub.start();

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @AfterAll
  static void stop() {
    stub.close();
  }

  @BeforeEach
  void reset() {
    stub.reset();
  }

  @Test
  void openAiStyleProviderGetsTheKeyAndItsAnswerIsPriced() {
    stub.always("a", Reply.openAi("Use one client per process.", 1200, 300));
    var gateway = gateway(properties(), provider("a", ApiStyle.OPENAI_CHAT, 1));

    ChatAnswer answer = gateway.complete(question());

    assertThat(answer.text()).isEqualTo("Use one client per process.");
    assertThat(answer.provider()).isEqualTo("a");
    assertThat(answer.inputTokens()).isEqualTo(1200);
    assertThat(answer.outputTokens()).isEqualTo(300);
    // 1.2 × 0.5 + 0.3 × 1.5 = 1.05
    assertThat(answer.cost()).isEqualByComparingTo("1.05");
    var request = stub.received("a").getFirst();
    assertThat(request.path()).isEqualTo("/a/chat/completions");
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + KEY);
    assertThat(request.body()).contains("\"model\":\"model-a\"").contains("\"role\":\"system\"");
  }

  @Test
  void anthropicStyleProviderGetsItsHeadersAndBody() {
    stub.always("b", Reply.anthropic("Add a pooler.", 50, 20));
    var gateway = gateway(properties(), provider("b", ApiStyle.ANTHROPIC_MESSAGES, 1));

    ChatAnswer answer = gateway.complete(question());

    assertThat(answer.text()).isEqualTo("Add a pooler.");
    assertThat(answer.totalTokens()).isEqualTo(70);
    var request = stub.received("b").getFirst();
    assertThat(request.path()).isEqualTo("/b/v1/messages");
    assertThat(request.header("x-api-key")).isEqualTo(KEY);
    assertThat(request.header("anthropic-version")).isEqualTo("2023-06-01");
    assertThat(request.header("Authorization")).isNull();
    assertThat(request.body()).contains("\"system\":").contains("\"max_tokens\":256");
  }

  @Test
  void slowProviderTimesOutAndTheNextOneAnswers() {
    stub.always("slow", Reply.openAi("late", 1, 1).after(Duration.ofSeconds(20)));
    stub.always("fast", Reply.openAi("on time", 1, 1));
    var gateway =
        gateway(
            properties(Duration.ofMillis(500), 2, Duration.ofSeconds(5), 5),
            provider("slow", ApiStyle.OPENAI_CHAT, 1),
            provider("fast", ApiStyle.OPENAI_CHAT, 2));

    long start = System.nanoTime();
    ChatAnswer answer = gateway.complete(question());

    assertThat(answer.provider()).isEqualTo("fast");
    assertThat(stub.received("slow")).hasSize(1); // timeouts are not retried
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    assertThat(outcomes("slow", "timeout")).isEqualTo(1);
  }

  @Test
  void rateLimitedProviderIsRetriedAfterTheTimeItAsksFor() {
    stub.script("a", Reply.status(429).withHeader("Retry-After", "1"));
    stub.always("a", Reply.openAi("after the wait", 10, 5));
    var gateway =
        gateway(
            properties(),
            provider("a", ApiStyle.OPENAI_CHAT, 1),
            provider("b", ApiStyle.OPENAI_CHAT, 2));

    ChatAnswer answer = gateway.complete(question());

    assertThat(answer.provider()).isEqualTo("a");
    assertThat(answer.text()).isEqualTo("after the wait");
    var requests = stub.received("a");
    assertThat(requests).hasSize(2);
    assertThat(Duration.ofNanos(requests.get(1).receivedNanos() - requests.get(0).receivedNanos()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(950));
    assertThat(stub.received("b")).isEmpty();
  }

  @Test
  void retryAfterBeyondTheBoundFailsOverAtOnce() {
    stub.always("a", Reply.status(429).withHeader("Retry-After", "3600"));
    stub.always("b", Reply.openAi("from b", 1, 1));
    var gateway =
        gateway(
            properties(),
            provider("a", ApiStyle.OPENAI_CHAT, 1),
            provider("b", ApiStyle.OPENAI_CHAT, 2));

    assertThat(gateway.complete(question()).provider()).isEqualTo("b");
    assertThat(stub.received("a")).hasSize(1);
  }

  @Test
  void serverErrorsAreRetriedThenTheNextProviderAnswers() {
    stub.always("a", Reply.status(500));
    stub.always("b", Reply.anthropic("from b", 1, 1));
    var gateway =
        gateway(
            properties(),
            provider("a", ApiStyle.OPENAI_CHAT, 1),
            provider("b", ApiStyle.ANTHROPIC_MESSAGES, 2));

    assertThat(gateway.complete(question()).provider()).isEqualTo("b");
    assertThat(stub.received("a")).hasSize(3); // first attempt + max-retries 2
    assertThat(outcomes("a", "server_error")).isEqualTo(1);
  }

  @Test
  void malformedAnswersFailOverWithoutRetry() {
    stub.always("a", Reply.malformed());
    stub.always("b", new Reply(200, java.util.Map.of(), "{\"choices\":[]}", Duration.ZERO));
    stub.always("c", Reply.openAi("from c", 1, 1));
    var gateway =
        gateway(
            properties(),
            provider("a", ApiStyle.OPENAI_CHAT, 1),
            provider("b", ApiStyle.OPENAI_CHAT, 2),
            provider("c", ApiStyle.OPENAI_CHAT, 3));

    assertThat(gateway.complete(question()).provider()).isEqualTo("c");
    assertThat(stub.received("a")).hasSize(1);
    assertThat(stub.received("b")).hasSize(1);
    assertThat(outcomes("a", "malformed")).isEqualTo(1);
  }

  @Test
  void providerThatIsDownFailsOver() throws IOException {
    URI down;
    try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      down = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/v1");
    }
    stub.always("b", Reply.openAi("from b", 1, 1));
    var gateway =
        gateway(
            properties(),
            withBaseUrl(provider("down", ApiStyle.OPENAI_CHAT, 1), down),
            provider("b", ApiStyle.OPENAI_CHAT, 2));

    assertThat(gateway.complete(question()).provider()).isEqualTo("b");
    assertThat(outcomes("down", "unreachable")).isEqualTo(1);
  }

  @Test
  void openBreakerKeepsAFailingProviderOutUntilItsWaitIsOver() {
    stub.always("a", Reply.status(503));
    stub.always("b", Reply.openAi("from b", 1, 1));
    var gateway =
        gateway(
            properties(Duration.ofSeconds(5), 0, Duration.ofSeconds(5), 2),
            provider("a", ApiStyle.OPENAI_CHAT, 1),
            provider("b", ApiStyle.OPENAI_CHAT, 2));

    gateway.complete(question());
    gateway.complete(question());
    assertThat(gateway.circuitState("a")).isEqualTo("open");
    assertThat(breakerGauge("a", "open")).isEqualTo(1.0);
    assertThat(breakerGauge("a", "closed")).isZero();
    assertThat(breakerGauge("b", "closed")).isEqualTo(1.0);
    int callsWhenOpened = stub.received("a").size();

    for (int i = 0; i < 5; i++) {
      assertThat(gateway.complete(question()).provider()).isEqualTo("b");
    }
    assertThat(stub.received("a")).hasSize(callsWhenOpened);
    assertThat(outcomes("a", "breaker_open")).isEqualTo(5);
  }

  @Test
  void everyProviderFailingIsUnavailableWithTheShortestRetryAfter() {
    stub.always("a", Reply.status(429).withHeader("Retry-After", "120"));
    stub.always("b", Reply.status(502));
    var gateway =
        gateway(
            properties(Duration.ofSeconds(5), 0, Duration.ofSeconds(5), 5),
            provider("a", ApiStyle.OPENAI_CHAT, 1),
            provider("b", ApiStyle.OPENAI_CHAT, 2));

    assertThatThrownBy(() -> gateway.complete(question()))
        .isInstanceOfSatisfying(
            NoProviderAvailable.class,
            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(120)));
  }

  @Test
  void providerWhoseKeyIsNotSetIsNotUsable() {
    var withoutKey =
        new Provider(
            "nokey",
            ApiStyle.OPENAI_CHAT,
            stub.baseUrl("nokey"),
            "m",
            "UNSET_PROVIDER_KEY",
            BigDecimal.ZERO,
            BigDecimal.ZERO,
            100,
            60,
            true,
            1);
    var gateway = gateway(properties(), withoutKey);

    assertThat(gateway.usable()).isEmpty();
    assertThatThrownBy(() -> gateway.complete(question())).isInstanceOf(NoProviderConfigured.class);
    assertThat(stub.received("nokey")).isEmpty();
  }

  @Test
  void failuresNeverCarryTheKeyOrTheProvidersBody() {
    stub.always(
        "a",
        new Reply(401, java.util.Map.of(), "{\"error\":\"bad key " + KEY + "\"}", Duration.ZERO));
    var gateway = gateway(properties(), provider("a", ApiStyle.OPENAI_CHAT, 1));

    assertThatThrownBy(() -> gateway.complete(question()))
        .isInstanceOf(NoProviderAvailable.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY));
    assertThat(stub.received("a")).hasSize(1); // 4xx other than 429 is not retried
    assertThat(outcomes("a", "client_error")).isEqualTo(1);
  }

  @Test
  void aProviderWhoseRequestsPerMinuteAreUsedUpIsSkipped() {
    stub.always("a", Reply.openAi("from a", 1, 1));
    stub.always("b", Reply.openAi("from b", 1, 1));
    var limited =
        new Provider(
            "a",
            ApiStyle.OPENAI_CHAT,
            stub.baseUrl("a"),
            "model-a",
            "STUB_PROVIDER_KEY",
            BigDecimal.ZERO,
            BigDecimal.ZERO,
            100,
            2,
            true,
            1);
    var clock = new MutableClock(java.time.Instant.parse("2026-11-27T10:00:30Z"));
    var kv = KeyValueStores.inProcess(clock);
    var gateway = gateway(properties(), kv, clock, limited, provider("b", ApiStyle.OPENAI_CHAT, 2));

    assertThat(gateway.complete(question()).provider()).isEqualTo("a");
    assertThat(gateway.complete(question()).provider()).isEqualTo("a");
    assertThat(gateway.complete(question()).provider()).isEqualTo("b");
    assertThat(stub.received("a")).hasSize(2);
    assertThat(outcomes("a", "over_limit")).isEqualTo(1);

    // a second instance on the same KV store counts against the same allowance
    var otherInstance = gateway(properties(), kv, clock, limited);
    assertThatThrownBy(() -> otherInstance.complete(question()))
        .isInstanceOfSatisfying(
            NoProviderAvailable.class,
            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30)));
    assertThat(stub.received("a")).hasSize(2);

    // the next minute renews it
    clock.set(java.time.Instant.parse("2026-11-27T10:01:00Z"));
    assertThat(otherInstance.complete(question()).provider()).isEqualTo("a");
    assertThat(gateway.complete(question()).provider()).isEqualTo("a");
    assertThat(gateway.complete(question()).provider()).isEqualTo("b");
    assertThat(stub.received("a")).hasSize(4);
  }

  @Test
  void everyCataloguedProviderHasABreakerGaugeBeforeItsFirstCall() {
    var gateway =
        gateway(
            properties(),
            provider("a", ApiStyle.OPENAI_CHAT, 1),
            provider("b", ApiStyle.ANTHROPIC_MESSAGES, 2));

    assertThat(gateway.usable()).hasSize(2);

    assertThat(breakerGauge("a", "closed")).isEqualTo(1.0);
    assertThat(breakerGauge("b", "closed")).isEqualTo(1.0);
    assertThat(breakerGauge("b", "open")).isZero();
    assertThat(stub.received("a")).isEmpty();
  }

  /** {@code resilience4j_circuitbreaker_state{name="provider-NAME",state}}: 1 in that state. */
  private double breakerGauge(String provider, String state) {
    var gauge =
        meters
            .find("resilience4j.circuitbreaker.state")
            .tag("name", "provider-" + provider)
            .tag("state", state)
            .gauge();
    assertThat(gauge).as("gauge of provider-" + provider + " " + state).isNotNull();
    return gauge.value();
  }

  /** A clock the test moves. */
  private static final class MutableClock extends Clock {
    private volatile java.time.Instant now;

    MutableClock(java.time.Instant now) {
      this.now = now;
    }

    void set(java.time.Instant instant) {
      now = instant;
    }

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public java.time.Instant instant() {
      return now;
    }
  }

  private double outcomes(String provider, String outcome) {
    var counter =
        meters
            .find("reviewer_provider_calls")
            .tag("provider", provider)
            .tag("outcome", outcome)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  private static ChatRequest question() {
    return new ChatRequest("You review code.", "Explain finding AR-DB-001.", 256);
  }

  private static ProvidersProperties properties() {
    return properties(Duration.ofSeconds(5), 2, Duration.ofSeconds(5), 5);
  }

  private static ProvidersProperties properties(
      Duration timeout, int maxRetries, Duration maxRetryAfter, int breakerMinimumCalls) {
    return new ProvidersProperties(
        List.of(),
        timeout,
        maxRetries,
        maxRetryAfter,
        50,
        breakerMinimumCalls,
        Duration.ofMinutes(5),
        true);
  }

  private static Provider provider(String name, ApiStyle style, int priority) {
    return new Provider(
        name,
        style,
        stub.baseUrl(name),
        "model-" + name,
        "STUB_PROVIDER_KEY",
        new BigDecimal("0.5"),
        new BigDecimal("1.5"),
        1000,
        600,
        true,
        priority);
  }

  private static Provider withBaseUrl(Provider p, URI url) {
    return new Provider(
        p.name(),
        p.apiStyle(),
        url,
        p.model(),
        p.apiKeyEnv(),
        p.inputPricePer1k(),
        p.outputPricePer1k(),
        p.maxOutputTokens(),
        p.requestsPerMinute(),
        p.enabled(),
        p.priority());
  }

  private LlmGateway gateway(ProvidersProperties properties, Provider... providers) {
    return gateway(
        properties, KeyValueStores.inProcess(Clock.systemUTC()), Clock.systemUTC(), providers);
  }

  private LlmGateway gateway(
      ProvidersProperties properties, KeyValueStore kv, Clock clock, Provider... providers) {
    var keys = new ProviderKeys(new MockEnvironment().withProperty("STUB_PROVIDER_KEY", KEY));
    var http = new ProviderHttp(Duration.ofSeconds(2), Clock.systemUTC());
    return new LlmGateway(
        () -> List.of(providers),
        keys,
        new ProviderCaller(http, JsonMapper.builder().build(), properties.timeout()),
        new ProviderGuards(properties, kv, clock, meters),
        true,
        meters);
  }
}
