package com.architectreviewer.advisories.version;

import java.util.Optional;

/** Python's PEP 440 ordering (epochs, pre/post/dev releases, local versions). */
final class Pep440Scheme implements VersionScheme {

  private record PepKey(Pep440Version version) implements Key {
    @Override
    public int compareTo(Key other) {
      return version.compareTo(((PepKey) other).version);
    }
  }

  @Override
  public Optional<Key> parse(String version) {
    return Pep440Version.parse(version).map(PepKey::new);
  }

  @Override
  public String name() {
    return "pep440";
  }
}
