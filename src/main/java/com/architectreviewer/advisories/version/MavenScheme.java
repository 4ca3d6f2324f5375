package com.architectreviewer.advisories.version;

import java.util.Optional;
import org.apache.maven.artifact.versioning.ComparableVersion;

/**
 * Maven's own ordering ({@code ComparableVersion}: qualifiers alpha < beta < rc < release < sp).
 */
final class MavenScheme implements VersionScheme {

  private record MavenKey(ComparableVersion version) implements Key {
    @Override
    public int compareTo(Key other) {
      return version.compareTo(((MavenKey) other).version);
    }
  }

  @Override
  public Optional<Key> parse(String version) {
    if (version == null || version.isBlank() || version.contains("${")) {
      return Optional.empty();
    }
    return Optional.of(new MavenKey(new ComparableVersion(version.strip())));
  }

  @Override
  public String name() {
    return "maven";
  }
}
