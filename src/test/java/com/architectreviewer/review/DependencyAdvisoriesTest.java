package com.architectreviewer.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.architectreviewer.advisories.AdvisoryIndex;
import com.architectreviewer.advisories.LocalAdvisoryStore;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DependencyAdvisoriesTest {

  static final Path PROJECTS = Path.of("src/test/resources/advisories/projects");
  static AdvisoryIndex index;

  @BeforeAll
  static void importFixtures(@TempDir Path store) throws Exception {
    var local = LocalAdvisoryStore.at(store, Clock.systemUTC());
    local.importFrom(Path.of("src/test/resources/advisories/osv"));
    index = local.load();
  }

  private static ReviewReport review(String project, AdvisoryIndex with) {
    return new ReviewEngine()
        .withSource(new DependencyAdvisories(with, "test store"))
        .review(PROJECTS.resolve(project), ReviewOptions.defaults(), ReviewListener.NONE);
  }

  @Test
  void reportsAdvisoriesAsFindingsInEveryFormat() throws Exception {
    ReviewReport report = review("middleware", index);
    assertThat(report.findings())
        .filteredOn(f -> f.rule().equals("AR-DEP-001"))
        .extracting(Finding::severity, Finding::file, Finding::confidence)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                Severity.CRITICAL, "package-lock.json", Confidence.HIGH),
            org.assertj.core.groups.Tuple.tuple(
                Severity.MEDIUM, "package-lock.json", Confidence.HIGH));
    Finding bypass = report.findings().getFirst();
    assertThat(bypass.message()).contains("next@14.1.0", "GHSA-f82v-jwr5-mffw", "CVE-2025-29927");
    assertThat(bypass.remediation()).contains("Upgrade next to 14.2.25");
    assertThat(bypass.line()).isEqualTo(6);
    assertThat(bypass.fingerprint()).isNotBlank();

    JsonNode json = JsonMapper.builder().build().readTree(ReportFormats.json(report));
    assertThat(json.path("findings").get(0).path("rule").asString()).isEqualTo("AR-DEP-001");
    assertThat(json.path("findings").get(0).path("severity").asString()).isEqualTo("critical");
    assertThat(json.path("findings").get(0).path("file").asString()).isEqualTo("package-lock.json");
    assertThat(json.path("findings").get(0).path("line").asInt()).isEqualTo(6);

    String sarif = ReportFormats.sarif(report);
    assertThat(sarif)
        .contains("\"ruleId\" : \"AR-DEP-001\"", "GHSA-f82v-jwr5-mffw", "docs/rules/AR-DEP-001.md");
    assertThat(ReportFormats.render(report, ReportFormats.Format.TEXT, false))
        .contains("AR-DEP-001", "GHSA-f82v-jwr5-mffw", "package-lock.json");
    assertThat(report.notes())
        .anySatisfy(n -> assertThat(n).contains("checked against 11 advisories"));
  }

  @Test
  void downgradedFindingsHaveMediumConfidenceAndSayWhy() {
    Finding next =
        review("npm-v3", index).findings().stream()
            .filter(f -> f.message().contains("GHSA-f82v-jwr5-mffw"))
            .findFirst()
            .orElseThrow();
    assertThat(next.severity()).isEqualTo(Severity.LOW);
    assertThat(next.confidence()).isEqualTo(Confidence.MEDIUM);
    assertThat(next.message()).contains("Downgraded from critical", "no middleware.ts/js");
  }

  @Test
  void saysClearlyWhenNoAdvisoriesAreImported() {
    ReviewReport report = review("npm-v3", AdvisoryIndex.empty());
    assertThat(report.findings()).noneMatch(f -> f.rule().equals("AR-DEP-001"));
    assertThat(report.notes())
        .anySatisfy(n ->
            assertThat(n)
                .contains(
                    "no dependency advisories imported",
                    "NOT checked",
                    "reviewer advisories import"));
    assertThat(ReportFormats.render(report, ReportFormats.Format.TEXT, false))
        .contains("no dependency advisories imported");
    assertThat(ReportFormats.json(report)).contains("no dependency advisories imported");
    assertThat(ReportFormats.sarif(report)).contains("no dependency advisories imported");
  }

  @Test
  void lockfileWarningsBecomeNotes() {
    assertThat(review("malformed", index).notes())
        .anySatisfy(
            n -> assertThat(n).startsWith("dependencies: package-lock.json: not valid JSON"));
  }
}
