package com.architectreviewer.providers;

import java.math.BigDecimal;

/**
 * A catalogue entry as the API shows it. It names the key's environment variable and says whether
 * it is set; it never carries the key.
 */
record ProviderView(
    String name,
    String apiStyle,
    String baseUrl,
    String model,
    String apiKeyEnv,
    boolean apiKeyPresent,
    BigDecimal inputPricePer1k,
    BigDecimal outputPricePer1k,
    int maxOutputTokens,
    int requestsPerMinute,
    boolean enabled,
    int priority,
    String circuit) {

  static ProviderView of(Provider provider, boolean keyPresent, String circuit) {
    return new ProviderView(
        provider.name(),
        provider.apiStyle().id(),
        provider.baseUrl().toString(),
        provider.model(),
        provider.apiKeyEnv(),
        keyPresent,
        provider.inputPricePer1k(),
        provider.outputPricePer1k(),
        provider.maxOutputTokens(),
        provider.requestsPerMinute(),
        provider.enabled(),
        provider.priority(),
        circuit);
  }
}
