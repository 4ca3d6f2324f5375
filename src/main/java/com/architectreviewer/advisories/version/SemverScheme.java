package com.architectreviewer.advisories.version;

import java.util.Optional;
import org.semver4j.Semver;

/** Semantic Versioning 2.0 precedence (npm), pre-releases ordered before their release. */
final class SemverScheme implements VersionScheme {

  private record SemverKey(Semver version) implements Key {
    @Override
    public int compareTo(Key other) {
      return version.compareTo(((SemverKey) other).version);
    }
  }

  @Override
  public Optional<Key> parse(String version) {
    if (version == null) {
      return Optional.empty();
    }
    String v = version.strip();
    if (v.startsWith("v") || v.startsWith("=")) {
      v = v.substring(1);
    }
    Semver parsed = Semver.parse(v);
    return parsed == null ? Optional.empty() : Optional.of(new SemverKey(parsed));
  }

  @Override
  public String name() {
    return "semver";
  }
}
