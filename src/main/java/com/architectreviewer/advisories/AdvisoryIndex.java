package com.architectreviewer.advisories;

import com.architectreviewer.advisories.osv.Advisory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Advisories by ecosystem and package name, for matching. Withdrawn advisories are left out. Build
 * it from the local store ({@link LocalAdvisoryStore#load()}) or from PostgreSQL.
 */
public final class AdvisoryIndex implements AdvisoryCatalog {

  record Entry(Advisory advisory, Advisory.Affected affected) {}

  private final Map<String, List<Entry>> byPackage = new HashMap<>();
  private final int advisories;

  private AdvisoryIndex(Collection<Advisory> all) {
    int count = 0;
    for (Advisory advisory : all) {
      if (advisory.isWithdrawn()) {
        continue;
      }
      count++;
      for (Advisory.Affected affected : advisory.affected()) {
        byPackage
            .computeIfAbsent(key(affected.ecosystem(), affected.name()), k -> new ArrayList<>())
            .add(new Entry(advisory, affected));
      }
    }
    this.advisories = count;
  }

  public static AdvisoryIndex of(Collection<Advisory> advisories) {
    return new AdvisoryIndex(advisories);
  }

  public static AdvisoryIndex empty() {
    return new AdvisoryIndex(List.of());
  }

  /** Advisories in the index (withdrawn ones excluded). */
  @Override
  public int size() {
    return advisories;
  }

  /** All of them: this index is already in memory. */
  @Override
  public AdvisoryIndex indexFor(java.util.Set<String> packages) {
    return this;
  }

  List<Entry> lookup(String ecosystem, String name) {
    return byPackage.getOrDefault(key(ecosystem, name), List.of());
  }

  /**
   * The lookup key of a package: ecosystem in lower case without its release suffix ({@code
   * Debian:12} → {@code debian}), a space, the name (PyPI names PEP 503-normalised).
   */
  public static String key(String ecosystem, String name) {
    String eco = ecosystem.toLowerCase(Locale.ROOT);
    int colon = eco.indexOf(':');
    if (colon > 0) {
      eco = eco.substring(0, colon);
    }
    String n = eco.equals("pypi") ? name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-") : name;
    return eco + " " + n;
  }
}
