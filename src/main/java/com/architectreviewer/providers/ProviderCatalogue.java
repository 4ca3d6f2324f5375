package com.architectreviewer.providers;

import com.architectreviewer.cache.CacheKey;
import com.architectreviewer.cache.CacheTags;
import com.architectreviewer.cache.Cached;
import com.architectreviewer.cache.TaggedCache;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Service;

/**
 * The provider catalogue: seeded from {@code reviewer.providers.catalogue} at start, read by the AI
 * routes and the provider list through the tagged cache (tag {@code providers}), edited by admins
 * (which expires the tag on every instance).
 */
@Service
public class ProviderCatalogue implements InitializingBean {

  private static final Logger log = LoggerFactory.getLogger(ProviderCatalogue.class);

  private static final CacheKey ALL = CacheKey.of("providers", "all", CacheTags.PROVIDERS);

  private final ProviderRepository repository;
  private final ProvidersProperties properties;
  private final TaggedCache cache;

  ProviderCatalogue(
      ProviderRepository repository, ProvidersProperties properties, TaggedCache cache) {
    this.repository = repository;
    this.properties = properties;
    this.cache = cache;
  }

  @Override
  public void afterPropertiesSet() {
    for (ProvidersProperties.Seed seed : properties.catalogue()) {
      repository.seed(seed.toProvider());
    }
    cache.expireTag(CacheTags.PROVIDERS);
    if (!properties.catalogue().isEmpty()) {
      log.info(
          "Provider catalogue seeded from configuration: {} (entries edited through the API keep"
              + " their edits)",
          properties.catalogue().stream().map(ProvidersProperties.Seed::name).toList());
    }
  }

  /** Every provider, enabled or not, in the order they are tried. */
  public List<Provider> all() {
    return cached().value();
  }

  /** Every provider, with how the cache served the list (for {@code Cache-Status}). */
  Cached<List<Provider>> cached() {
    return cache.get(ALL, repository::all);
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
    // Hard: the admin (and the AI routes) must see the edit on the next read, not after a refresh.
    cache.expireTag(CacheTags.PROVIDERS);
    log.info("Provider '{}' updated by an admin", provider.name());
    return provider;
  }
}
