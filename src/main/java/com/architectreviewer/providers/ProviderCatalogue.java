package com.architectreviewer.providers;

import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Service;

/**
 * The provider catalogue: seeded from {@code reviewer.providers.catalogue} at start, read by the AI
 * routes, edited by admins.
 */
@Service
public class ProviderCatalogue implements InitializingBean {

  private static final Logger log = LoggerFactory.getLogger(ProviderCatalogue.class);

  private final ProviderRepository repository;
  private final ProvidersProperties properties;

  ProviderCatalogue(ProviderRepository repository, ProvidersProperties properties) {
    this.repository = repository;
    this.properties = properties;
  }

  @Override
  public void afterPropertiesSet() {
    for (ProvidersProperties.Seed seed : properties.catalogue()) {
      repository.seed(seed.toProvider());
    }
    if (!properties.catalogue().isEmpty()) {
      log.info(
          "Provider catalogue seeded from configuration: {} (entries edited through the API keep"
              + " their edits)",
          properties.catalogue().stream().map(ProvidersProperties.Seed::name).toList());
    }
  }

  /** Every provider, enabled or not, in the order they are tried. */
  public List<Provider> all() {
    return repository.all();
  }

  /** The enabled providers in the order they are tried. */
  public List<Provider> enabled() {
    return all().stream().filter(Provider::enabled).toList();
  }

  Optional<Provider> find(String name) {
    return repository.find(name);
  }

  /** Replaces an existing entry; throws {@link ProviderNotFound} when there is none. */
  Provider update(Provider provider) {
    if (!repository.edit(provider)) {
      throw new ProviderNotFound(provider.name());
    }
    log.info("Provider '{}' updated by an admin", provider.name());
    return provider;
  }
}
