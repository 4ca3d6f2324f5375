package com.architectreviewer.testsupport;

import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * A fresh database plus a provider catalogue on the shared stub: {@code primary} (openai-chat),
 * {@code secondary} (anthropic-messages) and {@code spare} (disabled). Their key is in {@link
 * #KEY_ENV}, set to {@link #KEY}.
 */
public class LlmPlatformInitializer
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  public static final String KEY_ENV = "REVIEWER_TEST_LLM_KEY";
  public static final String KEY = "sk-test-stub-9f8e7d6c5b4a";
  private static final LlmStub STUB = LlmStub.start();

  /** The server-side folder allowed for path registrations and ingests in these contexts. */
  public static final java.nio.file.Path INGEST_SOURCES =
      java.nio.file.Path.of("target", "ingest-sources");

  /** The stub every {@link LlmPlatformTest} context talks to (closed with the JVM). */
  public static LlmStub stub() {
    return STUB;
  }

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    try {
      java.nio.file.Files.createDirectories(INGEST_SOURCES);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    new PlatformTestInitializer().initialize(context);
    Map<String, Object> properties = new HashMap<>();
    provider(properties, 0, "primary", "openai-chat", "gpt-stub", 1, true);
    provider(properties, 1, "secondary", "anthropic-messages", "claude-stub", 2, true);
    provider(properties, 2, "spare", "openai-chat", "spare-stub", 3, false);
    properties.put(KEY_ENV, KEY);
    properties.put("reviewer.providers.allow-private-base-urls", "true");
    properties.put("reviewer.providers.timeout", "3s");
    properties.put("reviewer.providers.max-retries", "1");
    properties.put("reviewer.providers.max-retry-after", "2s");
    properties.put("reviewer.providers.breaker-minimum-calls", "1000");
    properties.put("reviewer.ai.daily-token-budget", "5000");
    properties.put("reviewer.sources.allowed-paths", INGEST_SOURCES.toAbsolutePath().toString());
    properties.put("reviewer.portfolio.ingest-poll", "200ms");
    properties.put("reviewer.security.rate-limits.general.quota", "1000000");
    properties.put("reviewer.security.rate-limits.scans.quota", "1000000");
    properties.put("reviewer.security.rate-limits.unauthenticated.quota", "1000000");
    context
        .getEnvironment()
        .getPropertySources()
        .addFirst(new MapPropertySource("llmStub", properties));
  }

  private static void provider(
      Map<String, Object> properties,
      int index,
      String name,
      String style,
      String model,
      int priority,
      boolean enabled) {
    String prefix = "reviewer.providers.catalogue[" + index + "].";
    properties.put(prefix + "name", name);
    properties.put(prefix + "api-style", style);
    properties.put(prefix + "base-url", STUB.baseUrl(name).toString());
    properties.put(prefix + "model", model);
    properties.put(prefix + "api-key-env", KEY_ENV);
    properties.put(prefix + "input-price-per-1k", "0.5");
    properties.put(prefix + "output-price-per-1k", "1.5");
    properties.put(prefix + "max-output-tokens", "800");
    properties.put(prefix + "requests-per-minute", "1000");
    properties.put(prefix + "enabled", Boolean.toString(enabled));
    properties.put(prefix + "priority", Integer.toString(priority));
  }
}
