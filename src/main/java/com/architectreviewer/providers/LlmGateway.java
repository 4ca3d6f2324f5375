package com.architectreviewer.providers;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the enabled providers in priority order and returns the first answer. Each provider call
 * goes through a timeout, the provider's retry policy and its circuit breaker; a provider that
 * fails, or whose breaker is open, is skipped for the next one.
 */
public class LlmGateway {

  private static final Logger log = LoggerFactory.getLogger(LlmGateway.class);
  static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);

  private final Supplier<List<Provider>> enabledProviders;
  private final ProviderKeys keys;
  private final ProviderCaller caller;
  private final ProviderGuards guards;
  private final boolean allowPrivateBaseUrls;
  private final MeterRegistry meters;

  LlmGateway(
      Supplier<List<Provider>> enabledProviders,
      ProviderKeys keys,
      ProviderCaller caller,
      ProviderGuards guards,
      boolean allowPrivateBaseUrls,
      MeterRegistry meters) {
    this.enabledProviders = enabledProviders;
    this.keys = keys;
    this.caller = caller;
    this.guards = guards;
    this.allowPrivateBaseUrls = allowPrivateBaseUrls;
    this.meters = meters;
  }

  /**
   * The providers a call would try, in order: enabled, with their key present, with an acceptable
   * base URL. Empty means no provider is configured.
   */
  public List<Provider> usable() {
    List<Provider> enabled = enabledProviders.get();
    enabled.forEach(provider -> guards.register(provider.name()));
    return enabled.stream()
        .filter(keys::available)
        .filter(p -> ProviderRules.baseUrlProblem(p.baseUrl(), allowPrivateBaseUrls) == null)
        .toList();
  }

  /**
   * The first answer of the usable providers.
   *
   * @throws NoProviderConfigured when no provider is usable
   * @throws NoProviderAvailable when every usable provider failed or is open
   */
  public ChatAnswer complete(ChatRequest request) {
    List<Provider> providers = usable();
    if (providers.isEmpty()) {
      throw new NoProviderConfigured();
    }
    Duration retryAfter = null;
    for (Provider provider : providers) {
      if (!guards.tryAcquireCall(provider)) {
        count(provider, "over_limit");
        log.info(
            "Provider '{}' skipped: its {} requests per minute are used up",
            provider.name(),
            provider.requestsPerMinute());
        retryAfter = shorter(retryAfter, guards.untilAllowancesRenew());
        continue;
      }
      try {
        ChatAnswer answer =
            guards.guard(
                provider.name(),
                () -> caller.call(provider, keys.keyFor(provider).orElse(null), request));
        count(provider, "success");
        return answer;
      } catch (CallNotPermittedException open) {
        count(provider, "breaker_open");
        log.info("Provider '{}' skipped: its circuit breaker is open", provider.name());
      } catch (ProviderCallFailed failed) {
        count(provider, failed.kind().tag());
        log.warn("{}; trying the next provider", failed.getMessage());
        retryAfter = shorter(retryAfter, failed.retryAfter().orElse(null));
      }
    }
    throw new NoProviderAvailable(retryAfter == null ? DEFAULT_RETRY_AFTER : retryAfter);
  }

  /** State of the provider's circuit breaker: {@code closed}, {@code open}, {@code half_open}. */
  public String circuitState(String provider) {
    return guards.state(provider);
  }

  private static Duration shorter(Duration a, Duration b) {
    if (a == null) {
      return b;
    }
    return b == null || a.compareTo(b) <= 0 ? a : b;
  }

  private void count(Provider provider, String outcome) {
    Counter.builder("reviewer_provider_calls")
        .description("Calls to LLM providers by outcome (after retries)")
        .tag("provider", provider.name())
        .tag("outcome", outcome)
        .register(meters)
        .increment();
  }
}
