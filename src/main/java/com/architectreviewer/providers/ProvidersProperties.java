package com.architectreviewer.providers;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * LLM providers ({@code reviewer.providers.*}): the catalogue seeded at start and how every call is
 * guarded.
 *
 * @param catalogue providers to seed; an entry an admin has edited through the API is not
 *     overwritten
 * @param timeout how long one call may take before it counts as failed
 * @param maxRetries retries of one provider on 429/5xx before failing over to the next
 * @param maxRetryAfter the longest {@code Retry-After} honoured; a longer one fails over at once
 * @param breakerFailureRate failure percentage that opens a provider's circuit breaker
 * @param breakerMinimumCalls calls a breaker needs before it judges the failure rate
 * @param breakerOpenDuration how long an open breaker keeps a provider out
 * @param allowPrivateBaseUrls accept {@code http://} and loopback/private base URLs in {@code PUT
 *     /api/v1/providers/{name}} (off: https to public hosts only, against SSRF)
 */
@ConfigurationProperties("reviewer.providers")
record ProvidersProperties(
    List<Seed> catalogue,
    Duration timeout,
    Integer maxRetries,
    Duration maxRetryAfter,
    Integer breakerFailureRate,
    Integer breakerMinimumCalls,
    Duration breakerOpenDuration,
    Boolean allowPrivateBaseUrls) {

  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  static final int DEFAULT_MAX_RETRIES = 2;
  static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofSeconds(10);
  static final int DEFAULT_BREAKER_FAILURE_RATE = 50;
  static final int DEFAULT_BREAKER_MINIMUM_CALLS = 5;
  static final Duration DEFAULT_BREAKER_OPEN_DURATION = Duration.ofSeconds(60);

  ProvidersProperties {
    catalogue = catalogue == null ? List.of() : List.copyOf(catalogue);
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    maxRetries = maxRetries == null ? DEFAULT_MAX_RETRIES : maxRetries;
    maxRetryAfter = maxRetryAfter == null ? DEFAULT_MAX_RETRY_AFTER : maxRetryAfter;
    breakerFailureRate =
        breakerFailureRate == null ? DEFAULT_BREAKER_FAILURE_RATE : breakerFailureRate;
    breakerMinimumCalls =
        breakerMinimumCalls == null ? DEFAULT_BREAKER_MINIMUM_CALLS : breakerMinimumCalls;
    breakerOpenDuration =
        breakerOpenDuration == null ? DEFAULT_BREAKER_OPEN_DURATION : breakerOpenDuration;
    allowPrivateBaseUrls = allowPrivateBaseUrls != null && allowPrivateBaseUrls;
    require(timeout.isPositive(), "reviewer.providers.timeout must be positive");
    require(maxRetries >= 0 && maxRetries <= 5, "reviewer.providers.max-retries must be 0..5");
    require(!maxRetryAfter.isNegative(), "reviewer.providers.max-retry-after must not be negative");
    require(
        breakerFailureRate > 0 && breakerFailureRate <= 100,
        "reviewer.providers.breaker-failure-rate must be 1..100");
    require(breakerMinimumCalls > 0, "reviewer.providers.breaker-minimum-calls must be positive");
    require(
        breakerOpenDuration.isPositive(),
        "reviewer.providers.breaker-open-duration must be positive");
    var names = new HashSet<String>();
    for (int i = 0; i < catalogue.size(); i++) {
      require(
          names.add(catalogue.get(i).name()),
          "reviewer.providers.catalogue["
              + i
              + "].name '"
              + catalogue.get(i).name()
              + "' is listed twice");
    }
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  /**
   * One configured provider. Defaults: enabled, priority 100, prices 0, 1,024 output tokens, 60
   * requests per minute.
   *
   * @param apiKeyEnv name of the environment variable with the API key ({@code OPENAI_API_KEY});
   *     the key itself never goes into configuration files
   */
  record Seed(
      String name,
      String apiStyle,
      URI baseUrl,
      String model,
      String apiKeyEnv,
      BigDecimal inputPricePer1k,
      BigDecimal outputPricePer1k,
      Integer maxOutputTokens,
      Integer requestsPerMinute,
      Boolean enabled,
      Integer priority) {

    static final int DEFAULT_PRIORITY = 100;
    static final int DEFAULT_MAX_OUTPUT_TOKENS = 1024;
    static final int DEFAULT_REQUESTS_PER_MINUTE = 60;

    Seed {
      String where = "reviewer.providers.catalogue entry '" + name + "'";
      require(
          name != null && ProviderRules.NAME.matcher(name).matches(),
          where + ": name must match " + ProviderRules.NAME.pattern());
      require(
          ApiStyle.of(apiStyle).isPresent(),
          where + ": api-style must be openai-chat or anthropic-messages");
      require(
          baseUrl != null && ProviderRules.wellFormedBaseUrl(baseUrl),
          where + ": base-url must be an absolute http(s) URL without credentials or query");
      require(model != null && !model.isBlank(), where + ": model is required");
      require(
          apiKeyEnv == null || ProviderRules.ENV_NAME.matcher(apiKeyEnv).matches(),
          where + ": api-key-env must name an environment variable, e.g. OPENAI_API_KEY");
      inputPricePer1k = inputPricePer1k == null ? BigDecimal.ZERO : inputPricePer1k;
      outputPricePer1k = outputPricePer1k == null ? BigDecimal.ZERO : outputPricePer1k;
      maxOutputTokens = maxOutputTokens == null ? DEFAULT_MAX_OUTPUT_TOKENS : maxOutputTokens;
      requestsPerMinute =
          requestsPerMinute == null ? DEFAULT_REQUESTS_PER_MINUTE : requestsPerMinute;
      enabled = enabled == null || enabled;
      priority = priority == null ? DEFAULT_PRIORITY : priority;
      require(
          inputPricePer1k.signum() >= 0 && outputPricePer1k.signum() >= 0,
          where + ": prices must not be negative");
      require(maxOutputTokens > 0, where + ": max-output-tokens must be positive");
      require(requestsPerMinute > 0, where + ": requests-per-minute must be positive");
    }

    Provider toProvider() {
      return new Provider(
          name,
          ApiStyle.of(apiStyle).orElseThrow(),
          baseUrl,
          model,
          apiKeyEnv,
          inputPricePer1k,
          outputPricePer1k,
          maxOutputTokens,
          requestsPerMinute,
          enabled,
          priority);
    }
  }
}
