package com.architectreviewer.advisories.osv;

import static org.assertj.core.api.Assertions.assertThat;

import com.architectreviewer.advisories.version.Schemes;
import java.util.List;
import org.junit.jupiter.api.Test;

class RangeEvaluatorTest {

  private static Advisory.Affected affected(List<String> versions, Advisory.Range... ranges) {
    return new Advisory.Affected("npm", "pkg", List.of(ranges), versions);
  }

  private static Advisory.Range range(String type, String... kindAndVersion) {
    var events = new java.util.ArrayList<Advisory.Event>();
    for (int i = 0; i < kindAndVersion.length; i += 2) {
      events.add(
          new Advisory.Event(Advisory.Kind.valueOf(kindAndVersion[i]), kindAndVersion[i + 1]));
    }
    return new Advisory.Range(type, events);
  }

  private final RangeEvaluator npm = new RangeEvaluator(Schemes.SEMVER);

  @Test
  void introducedZeroAndFixed() {
    var a = affected(List.of(), range("ECOSYSTEM", "INTRODUCED", "0", "FIXED", "4.17.21"));
    assertThat(npm.affects(a, "0.0.1")).isTrue();
    assertThat(npm.affects(a, "4.17.20")).isTrue();
    assertThat(npm.affects(a, "4.17.21")).isFalse();
    assertThat(npm.affects(a, "5.0.0")).isFalse();
    assertThat(npm.fixesAbove(a, "4.17.20")).containsExactly("4.17.21");
  }

  @Test
  void preReleasesBetweenIntroducedAndFixed() {
    var a =
        affected(List.of(), range("SEMVER", "INTRODUCED", "2.0.0-alpha.1", "FIXED", "2.0.0-rc.2"));
    assertThat(npm.affects(a, "2.0.0-alpha.0")).isFalse();
    assertThat(npm.affects(a, "2.0.0-alpha.1")).isTrue();
    assertThat(npm.affects(a, "2.0.0-beta.3")).isTrue();
    assertThat(npm.affects(a, "2.0.0-rc.1")).isTrue();
    assertThat(npm.affects(a, "2.0.0-rc.2")).isFalse();
    assertThat(npm.affects(a, "2.0.0")).isFalse();
    assertThat(npm.affects(a, "1.9.9")).isFalse();
  }

  @Test
  void lastAffectedIsInclusiveAndHasNoFix() {
    var a =
        affected(List.of(), range("ECOSYSTEM", "INTRODUCED", "1.0.0", "LAST_AFFECTED", "1.4.2"));
    assertThat(npm.affects(a, "1.4.2")).isTrue();
    assertThat(npm.affects(a, "1.4.3")).isFalse();
    assertThat(npm.affects(a, "0.9.0")).isFalse();
    assertThat(npm.fixesAbove(a, "1.4.2")).isEmpty();
  }

  @Test
  void limitCapsTheRange() {
    var a = affected(List.of(), range("ECOSYSTEM", "INTRODUCED", "1.0.0", "LIMIT", "2.0.0"));
    assertThat(npm.affects(a, "1.9.9")).isTrue();
    assertThat(npm.affects(a, "2.0.0")).isFalse();
    assertThat(npm.affects(a, "2.5.0")).isFalse();
  }

  @Test
  void multipleRangesAndTheSmallestFixAboveTheInstalledVersion() {
    var a =
        affected(
            List.of(),
            range("ECOSYSTEM", "INTRODUCED", "11.1.4", "FIXED", "12.3.5"),
            range("ECOSYSTEM", "INTRODUCED", "13.0.0", "FIXED", "13.5.9"),
            range("ECOSYSTEM", "INTRODUCED", "14.0.0", "FIXED", "14.2.25"),
            range("ECOSYSTEM", "INTRODUCED", "15.0.0", "FIXED", "15.2.3"));
    assertThat(npm.affects(a, "12.3.4")).isTrue();
    assertThat(npm.affects(a, "12.3.5")).isFalse();
    assertThat(npm.affects(a, "13.5.8")).isTrue();
    assertThat(npm.affects(a, "14.2.25")).isFalse();
    assertThat(npm.affects(a, "15.1.0")).isTrue();
    assertThat(npm.fixesAbove(a, "13.5.8")).containsExactly("13.5.9", "14.2.25", "15.2.3");
    assertThat(npm.fixedVersions(a)).containsExactly("12.3.5", "13.5.9", "14.2.25", "15.2.3");
  }

  @Test
  void severalEventPairsInOneRange() {
    var a =
        affected(
            List.of(),
            range(
                "ECOSYSTEM",
                "INTRODUCED",
                "1.0.0",
                "FIXED",
                "1.5.0",
                "INTRODUCED",
                "2.0.0",
                "FIXED",
                "2.5.0"));
    assertThat(npm.affects(a, "1.7.0")).isFalse();
    assertThat(npm.affects(a, "2.1.0")).isTrue();
  }

  @Test
  void explicitVersionsAndGitRangesAreNotGuessed() {
    var a =
        affected(
            List.of("0.3.1", "0.3.2"),
            range("GIT", "INTRODUCED", "0", "FIXED", "abcdef0123456789"));
    assertThat(npm.affects(a, "0.3.2")).isTrue();
    assertThat(npm.affects(a, "0.3.3")).isFalse();
  }

  @Test
  void pep440AndMavenOrderingsInEcosystemRanges() {
    var pep =
        new Advisory.Affected(
            "PyPI",
            "pep-pkg",
            List.of(range("ECOSYSTEM", "INTRODUCED", "1.0rc1", "FIXED", "1.0.post1")),
            List.of());
    var pypi = new RangeEvaluator(Schemes.PEP440);
    assertThat(pypi.affects(pep, "1.0.dev1")).isFalse();
    assertThat(pypi.affects(pep, "1.0rc2")).isTrue();
    assertThat(pypi.affects(pep, "1.0")).isTrue();
    assertThat(pypi.affects(pep, "1.0.post1")).isFalse();
    var log4j =
        new Advisory.Affected(
            "Maven",
            "org.apache.logging.log4j:log4j-core",
            List.of(range("ECOSYSTEM", "INTRODUCED", "2.0-beta9", "FIXED", "2.3.1")),
            List.of());
    var maven = new RangeEvaluator(Schemes.MAVEN);
    assertThat(maven.affects(log4j, "2.0-beta8")).isFalse();
    assertThat(maven.affects(log4j, "2.0-rc1")).isTrue();
    assertThat(maven.affects(log4j, "2.3")).isTrue();
    assertThat(maven.affects(log4j, "2.3.1")).isFalse();
  }
}
