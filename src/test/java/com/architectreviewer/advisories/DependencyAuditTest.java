package com.architectreviewer.advisories;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DependencyAuditTest {

  static final Path OSV = Path.of("src/test/resources/advisories/osv");
  static final Path PROJECTS = Path.of("src/test/resources/advisories/projects");

  static AdvisoryIndex index;

  @BeforeAll
  static void importFixtures(@TempDir Path store) throws Exception {
    var local = LocalAdvisoryStore.at(store, Clock.systemUTC());
    local.importFrom(OSV);
    index = local.load();
  }

  static List<DependencyFinding> audit(String project) throws Exception {
    return new DependencyAudit(index).audit(PROJECTS.resolve(project)).findings();
  }

  static List<String> ids(String project) throws Exception {
    return audit(project).stream()
        .map(f -> f.packageName() + "@" + f.installedVersion() + " " + f.advisoryId())
        .sorted()
        .toList();
  }

  @Test
  void withdrawnAdvisoriesAreNotInTheIndex() {
    assertThat(index.size()).isEqualTo(11);
  }

  @Test
  void matchesNpmLockfileIncludingPreReleasesLastAffectedAndListedVersions() throws Exception {
    assertThat(ids("npm-v3"))
        .containsExactly(
            "la-pkg@1.4.2 TEST-LASTAFFECTED-0001",
            "lodash@4.17.20 GHSA-35jh-r3h4-6jhm",
            "next@14.2.3 GHSA-f82v-jwr5-mffw",
            "pre-pkg@2.0.0-beta.3 TEST-PRERELEASE-0001",
            "vers-pkg@0.3.2 TEST-VERSIONS-0001");
  }

  @Test
  void findingCarriesAliasesSeverityFixPathAndScope() throws Exception {
    DependencyFinding lodash =
        audit("npm-v3").stream()
            .filter(f -> f.packageName().equals("lodash"))
            .findFirst()
            .orElseThrow();
    assertThat(lodash.aliases()).containsExactly("CVE-2021-23337");
    assertThat(lodash.severity()).isEqualTo(Severity.HIGH);
    assertThat(lodash.severitySource()).isEqualTo("CVSS:3.1 base score 7.2");
    assertThat(lodash.fixedVersions()).containsExactly("4.17.21");
    assertThat(lodash.smallestFix()).isEqualTo("4.17.21");
    assertThat(lodash.path()).containsExactly("some-lib@1.2.0", "lodash@4.17.20");
    assertThat(lodash.dev()).isFalse();
    assertThat(lodash.file()).isEqualTo("package-lock.json");
    assertThat(lodash.line()).isGreaterThan(1);
    assertThat(lodash.message())
        .contains("lodash@4.17.20", "GHSA-35jh-r3h4-6jhm", "CVE-2021-23337", "Upgrade to 4.17.21")
        .contains("some-lib@1.2.0 > lodash@4.17.20");

    DependencyFinding pre =
        audit("npm-v3").stream()
            .filter(f -> f.packageName().equals("pre-pkg"))
            .findFirst()
            .orElseThrow();
    assertThat(pre.dev()).isTrue();
    assertThat(pre.smallestFix()).isEqualTo("2.0.0-rc.2");
    assertThat(pre.severitySource()).isEqualTo("database: MODERATE");

    DependencyFinding la =
        audit("npm-v3").stream()
            .filter(f -> f.packageName().equals("la-pkg"))
            .findFirst()
            .orElseThrow();
    assertThat(la.smallestFix()).isNull();
    assertThat(la.message()).contains("No fixed version known");

    DependencyFinding vers =
        audit("npm-v3").stream()
            .filter(f -> f.packageName().equals("vers-pkg"))
            .findFirst()
            .orElseThrow();
    assertThat(vers.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(vers.severitySource()).isEqualTo("database: CRITICAL");
  }

  @Test
  void absentMiddlewareDowngradesTheNextMiddlewareBypassAndSaysWhy() throws Exception {
    DependencyFinding next =
        audit("npm-v3").stream()
            .filter(f -> f.packageName().equals("next"))
            .findFirst()
            .orElseThrow();
    assertThat(next.advisorySeverity()).isEqualTo(Severity.CRITICAL);
    assertThat(next.severity()).isEqualTo(Severity.LOW);
    assertThat(next.relevance()).contains("no middleware.ts/js");
    assertThat(next.message()).contains("Downgraded from critical");
    assertThat(next.smallestFix()).isEqualTo("14.2.25");
  }

  @Test
  void presentMiddlewareAndServerActionsKeepTheSeverity() throws Exception {
    assertThat(audit("middleware"))
        .extracting(
            DependencyFinding::advisoryId,
            DependencyFinding::severity,
            DependencyFinding::relevance)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("GHSA-f82v-jwr5-mffw", Severity.CRITICAL, null),
            org.assertj.core.groups.Tuple.tuple("GHSA-fr5h-rqp8-mj6g", Severity.MEDIUM, null));
  }

  @Test
  void workspaceMemberMiddlewareCountsAndThePathNamesTheMember() throws Exception {
    DependencyFinding next =
        audit("workspace").stream()
            .filter(f -> f.advisoryId().equals("GHSA-f82v-jwr5-mffw"))
            .findFirst()
            .orElseThrow();
    assertThat(next.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(next.path()).containsExactly("packages/web", "next@13.5.6");
  }

  @Test
  void matchesEveryOtherFormat() throws Exception {
    assertThat(ids("npm-v2")).containsExactly("limit-pkg@1.9.9 TEST-LIMIT-0001");
    assertThat(ids("npm-v1"))
        .containsExactly(
            "la-pkg@1.1.0 TEST-LASTAFFECTED-0001", "lodash@4.17.15 GHSA-35jh-r3h4-6jhm");
    assertThat(ids("shrinkwrap")).containsExactly("lodash@4.17.19 GHSA-35jh-r3h4-6jhm");
    assertThat(ids("yarn-classic"))
        .containsExactly(
            "lodash@4.17.20 GHSA-35jh-r3h4-6jhm", "pre-pkg@2.0.0-alpha.1 TEST-PRERELEASE-0001");
    assertThat(ids("yarn-berry"))
        .containsExactly("limit-pkg@1.5.0 TEST-LIMIT-0001", "next@15.1.0 GHSA-f82v-jwr5-mffw");
    assertThat(ids("pnpm-v5"))
        .containsExactly(
            "lodash@4.17.20 GHSA-35jh-r3h4-6jhm", "pre-pkg@2.0.0-beta.1 TEST-PRERELEASE-0001");
    assertThat(ids("pnpm-v6"))
        .containsExactly("next@14.1.0 GHSA-f82v-jwr5-mffw", "next@14.1.0 GHSA-fr5h-rqp8-mj6g");
    assertThat(ids("pnpm-v9"))
        .containsExactly(
            "lodash@4.17.20 GHSA-35jh-r3h4-6jhm",
            "next@14.2.3 GHSA-f82v-jwr5-mffw",
            "vers-pkg@0.3.1 TEST-VERSIONS-0001");
    assertThat(ids("pnpm-multidoc")).containsExactly("lodash@4.17.20 GHSA-35jh-r3h4-6jhm");
    assertThat(ids("bun"))
        .containsExactly(
            "lodash@4.17.11 GHSA-35jh-r3h4-6jhm",
            "next@15.2.0 GHSA-f82v-jwr5-mffw",
            "pre-pkg@2.0.0-rc.1 TEST-PRERELEASE-0001");
    assertThat(ids("maven"))
        .containsExactly("org.apache.logging.log4j:log4j-core@2.14.1 GHSA-jfh8-c2jp-5v3q");
    assertThat(ids("requirements"))
        .containsExactly("pep-pkg@1.0 TEST-PEP440-0001", "requests@2.28.1 GHSA-j8r2-6x86-q33q");
    assertThat(ids("poetry"))
        .containsExactly("pep-pkg@1.0rc2 TEST-PEP440-0001", "requests@2.30.0 GHSA-j8r2-6x86-q33q");
    assertThat(ids("uv")).containsExactly("requests@2.29.0 GHSA-j8r2-6x86-q33q");
  }

  @Test
  void log4jFindingIsCriticalWithTheSmallestFixInItsLine() throws Exception {
    DependencyFinding log4j = audit("maven").getFirst();
    assertThat(log4j.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(log4j.severitySource()).isEqualTo("CVSS:3.1 base score 10.0");
    assertThat(log4j.smallestFix()).isEqualTo("2.15.0");
    assertThat(log4j.fixedVersions()).containsExactly("2.3.1", "2.12.2", "2.15.0");
  }

  @Test
  void packageJsonAloneFindingsAreMarkedLowerConfidence() throws Exception {
    assertThat(audit("package-json-only"))
        .isNotEmpty()
        .allSatisfy(f -> assertThat(f.exact()).isFalse())
        .allSatisfy(f -> assertThat(f.message()).contains("lower confidence"));
  }

  @Test
  void reportSaysWhenNoAdvisoriesAreImported() throws Exception {
    AuditReport report =
        new DependencyAudit(AdvisoryIndex.empty()).audit(PROJECTS.resolve("npm-v3"));
    assertThat(report.advisoriesImported()).isFalse();
    assertThat(report.findings()).isEmpty();
    assertThat(report.dependencies()).isEqualTo(7);
  }
}
