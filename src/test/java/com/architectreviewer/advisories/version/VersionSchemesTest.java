package com.architectreviewer.advisories.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionSchemesTest {

  private static void assertOrdered(VersionScheme scheme, String... ascending) {
    var shuffled = new ArrayList<>(List.of(ascending));
    Collections.reverse(shuffled);
    shuffled.sort(scheme.comparator());
    assertThat(shuffled).containsExactly(ascending);
  }

  @Test
  void semverOrdersPreReleasesBeforeTheirRelease() {
    assertOrdered(
        Schemes.SEMVER,
        "1.0.0-alpha",
        "1.0.0-alpha.1",
        "1.0.0-alpha.beta",
        "1.0.0-beta",
        "1.0.0-beta.2",
        "1.0.0-beta.11",
        "1.0.0-rc.1",
        "1.0.0",
        "1.0.1",
        "1.10.0");
    assertThat(Schemes.SEMVER.parse("not-a-version")).isEmpty();
    assertThat(Schemes.SEMVER.parse("v1.2.3")).isPresent();
  }

  @Test
  void mavenOrdersQualifiersLikeComparableVersion() {
    assertOrdered(
        Schemes.MAVEN, "2.0-alpha1", "2.0-beta9", "2.0-rc1", "2.0", "2.0-sp1", "2.0.1", "2.10");
    assertThat(Schemes.MAVEN.comparator().compare("1.0", "1.0.0")).isZero();
  }

  @Test
  void pep440OrdersDevPrePostAndLocalVersions() {
    assertOrdered(
        Schemes.PEP440,
        "1.0.dev1",
        "1.0a1",
        "1.0a2.dev1",
        "1.0a2",
        "1.0b1",
        "1.0rc1",
        "1.0",
        "1.0+local.1",
        "1.0.post1.dev1",
        "1.0.post1",
        "1.1",
        "1!0.5");
    assertThat(Schemes.PEP440.comparator().compare("1.0", "1.0.0")).isZero();
    assertThat(Schemes.PEP440.comparator().compare("1.0-alpha-1", "1.0a1")).isZero();
    assertThat(Schemes.PEP440.comparator().compare("1.0-1", "1.0.post1")).isZero();
    assertThat(Schemes.PEP440.parse("banana")).isEmpty();
  }

  @Test
  void knowsTheEcosystemsWeHaveLockfilesFor() {
    assertThat(Schemes.forEcosystem("npm")).contains(Schemes.SEMVER);
    assertThat(Schemes.forEcosystem("Maven")).contains(Schemes.MAVEN);
    assertThat(Schemes.forEcosystem("PyPI")).contains(Schemes.PEP440);
    assertThat(Schemes.forEcosystem("Debian:12")).isEmpty();
  }
}
