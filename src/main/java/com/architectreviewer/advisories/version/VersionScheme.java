package com.architectreviewer.advisories.version;

import java.util.Comparator;
import java.util.Optional;

/**
 * The ordering of one ecosystem's versions. {@link #parse} turns a version string into a comparable
 * key, or empty when the string is not a version of this ecosystem.
 */
public interface VersionScheme {

  /** A parsed version; keys of one scheme compare with each other only. */
  interface Key extends Comparable<Key> {}

  Optional<Key> parse(String version);

  String name();

  /** Orders version strings; unparsable strings sort first. */
  default Comparator<String> comparator() {
    return (a, b) -> {
      var ka = parse(a);
      var kb = parse(b);
      if (ka.isEmpty() || kb.isEmpty()) {
        return Boolean.compare(ka.isPresent(), kb.isPresent());
      }
      return ka.get().compareTo(kb.get());
    };
  }
}
