package com.architectreviewer.cache;

import java.util.Set;

/**
 * An application event that invalidates tags on every instance, once the publishing transaction has
 * committed (right away when there is none). A finished scan publishes {@code
 * InvalidateTags.soft(CacheTags.portfolio(tenantId))}; the cache module needs no dependency on the
 * publisher.
 *
 * @param hard {@code false}: revalidate (readers get the stale value while one refresh runs);
 *     {@code true}: expire (the next read recomputes)
 */
public record InvalidateTags(Set<String> tags, boolean hard) {

  public InvalidateTags {
    tags = Set.copyOf(tags);
  }

  public static InvalidateTags soft(String... tags) {
    return new InvalidateTags(Set.of(tags), false);
  }

  public static InvalidateTags hard(String... tags) {
    return new InvalidateTags(Set.of(tags), true);
  }
}
