package com.architectreviewer.advisories;

import java.time.Instant;
import java.util.Map;

/**
 * What an advisory store holds.
 *
 * @param location where it is (a folder, or "PostgreSQL")
 * @param lastImport when it was last imported into, or null when never
 * @param advisories how many advisories it holds (one advisory may affect several ecosystems)
 * @param ecosystems per ecosystem: how many advisories and the newest {@code modified}
 */
public record StoreStatus(
    String location, Instant lastImport, int advisories, Map<String, EcosystemCount> ecosystems) {

  /** Advisories of one ecosystem. */
  public record EcosystemCount(int advisories, Instant newestModified) {}

  public StoreStatus {
    ecosystems = Map.copyOf(ecosystems);
  }
}
