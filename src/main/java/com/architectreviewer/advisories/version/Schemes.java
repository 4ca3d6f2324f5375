package com.architectreviewer.advisories.version;

import java.util.Locale;
import java.util.Optional;

/** The version orderings we know, by OSV ecosystem name and by OSV range type. */
public final class Schemes {

  public static final VersionScheme SEMVER = new SemverScheme();
  public static final VersionScheme MAVEN = new MavenScheme();
  public static final VersionScheme PEP440 = new Pep440Scheme();

  private Schemes() {}

  /** The ordering of an OSV ecosystem ({@code npm}, {@code Maven}, {@code PyPI}), if we know it. */
  public static Optional<VersionScheme> forEcosystem(String ecosystem) {
    if (ecosystem == null) {
      return Optional.empty();
    }
    return switch (ecosystem.toLowerCase(Locale.ROOT)) {
      case "npm" -> Optional.of(SEMVER);
      case "maven" -> Optional.of(MAVEN);
      case "pypi" -> Optional.of(PEP440);
      default -> Optional.empty();
    };
  }
}
