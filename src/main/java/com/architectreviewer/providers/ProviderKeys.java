package com.architectreviewer.providers;

import java.util.Optional;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Reads a provider's API key from the environment variable the catalogue names, at call time. The
 * key is passed straight to the HTTP request header; it is never stored, returned or logged.
 */
@Component
class ProviderKeys {

  private final Environment environment;

  ProviderKeys(Environment environment) {
    this.environment = environment;
  }

  /** The key; empty when the provider needs none or its variable is unset. */
  Optional<String> keyFor(Provider provider) {
    if (provider.apiKeyEnv() == null) {
      return Optional.empty();
    }
    String key = environment.getProperty(provider.apiKeyEnv());
    return key == null || key.isBlank() ? Optional.empty() : Optional.of(key.trim());
  }

  /** True when the provider can be called: it needs no key, or its key is present. */
  boolean available(Provider provider) {
    return provider.apiKeyEnv() == null || keyFor(provider).isPresent();
  }
}
