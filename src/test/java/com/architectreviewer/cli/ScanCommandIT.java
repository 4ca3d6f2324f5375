package com.architectreviewer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code reviewer scan} end to end, in-process (no Spring is started). */
class ScanCommandIT {

  private static final String SECRET = "Sup3rS3cretPassw0rd";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path project;
  @TempDir Path work;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void copyFixture() throws IOException {
    var fixture = Path.of("src/test/resources/fixtures/db-003-supabase-direct");
    try (Stream<Path> files = Files.walk(fixture)) {
      for (var file : files.filter(Files::isRegularFile).toList()) {
        var target = project.resolve(fixture.relativize(file).toString());
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
      }
    }
    Files.delete(project.resolve("expected.json"));
  }

  private int scan(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    var cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    var all = new String[args.length + 1];
    all[0] = "scan";
    System.arraycopy(args, 0, all, 1, args.length);
    return cli.execute(all);
  }

  @Test
  void exitCodesFollowFailOn() {
    assertThat(scan("-q", project.toString()))
        .as("high finding at default --fail-on high")
        .isEqualTo(1);
    assertThat(scan("-q", "--fail-on", "critical", project.toString())).isZero();
    assertThat(scan("-q", "--fail-on", "medium", project.toString())).isEqualTo(1);
  }

  @Test
  void inputErrorsExitTwoWithOneClearLine() {
    assertThat(scan("-q", work.resolve("missing").toString())).isEqualTo(2);
    assertThat(err.toString().strip())
        .startsWith("reviewer scan: ")
        .contains("does not exist")
        .doesNotContain("\n");
    assertThat(scan("-q", "--format", "xml", project.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("unknown format 'xml'");
    assertThat(scan("-q", "--fail-on", "severe", project.toString())).isEqualTo(2);
    assertThat(scan("-q", "http://github.com/a/b.git")).isEqualTo(2);
    assertThat(err.toString()).contains("only https");
    assertThat(scan("-q", "https://169.254.169.254/latest")).isEqualTo(2);
    assertThat(err.toString()).contains("cloud metadata");
    assertThat(scan("-q", "--update-baseline", project.toString())).isEqualTo(2);
    assertThat(scan()).isEqualTo(2);
  }

  @Test
  void malformedConfigIsAnInputError() throws IOException {
    Files.writeString(
        project.resolve(".reviewer.yml"), "ignore:\n  - rule: AR-DB-003\n    path: '**'\n");
    assertThat(scan("-q", project.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("needs a non-empty 'reason'");
  }

  @Test
  void secretsAreRedactedInEveryFormat() throws IOException {
    assertThat(Files.readString(project.resolve(".env.production"))).contains(SECRET);
    for (var format : new String[] {"text", "json", "sarif"}) {
      scan("-q", "--format", format, project.toString());
      assertThat(out.toString())
          .as(format)
          .contains("AR-DB-003")
          .doesNotContain(SECRET)
          .contains("****");
    }
  }

  @Test
  void jsonHasTheDocumentedFields() throws IOException {
    var file = work.resolve("report.json");
    assertThat(scan("-q", "--format", "json", "--output", file.toString(), project.toString()))
        .isEqualTo(1);
    assertThat(out.toString()).isEmpty();
    var doc = JSON.readTree(Files.readString(file));
    var finding = doc.get("findings").get(0);
    for (var field :
        new String[] {
          "rule",
          "severity",
          "confidence",
          "file",
          "line",
          "column",
          "endLine",
          "endColumn",
          "snippet",
          "message",
          "remediation",
          "fingerprint"
        }) {
      assertThat(finding.has(field)).as(field).isTrue();
    }
    assertThat(finding.get("severity").asString())
        .isIn("critical", "high", "medium", "low", "info");
    assertThat(doc.get("summary").get("suppressed").asInt()).isPositive();
  }

  @Test
  void sarifHasTheStructureOfVersion210() throws IOException {
    scan("-q", "--format", "sarif", project.toString());
    var doc = JSON.readTree(out.toString());
    assertThat(doc.get("version").asString()).isEqualTo("2.1.0");
    assertThat(doc.get("$schema").asString()).contains("sarif-2.1.0");
    var run = doc.get("runs").get(0);
    var driver = run.get("tool").get("driver");
    assertThat(driver.get("name").asString()).isNotBlank();
    var ruleIds = new HashSet<String>();
    for (var rule : driver.get("rules")) {
      assertThat(rule.get("id").asString()).matches("AR-[A-Z]+-\\d{3}");
      assertThat(rule.get("shortDescription").get("text").asString()).isNotBlank();
      assertThat(rule.get("help").get("text").asString()).isNotBlank();
      assertThat(rule.get("defaultConfiguration").get("level").asString())
          .isIn("error", "warning", "note", "none");
      assertThat(ruleIds.add(rule.get("id").asString())).as("unique rule ids").isTrue();
    }
    boolean sawSuppression = false;
    for (JsonNode result : run.get("results")) {
      assertThat(ruleIds).contains(result.get("ruleId").asString());
      int index = result.get("ruleIndex").asInt();
      assertThat(driver.get("rules").get(index).get("id").asString())
          .isEqualTo(result.get("ruleId").asString());
      assertThat(result.get("level").asString()).isIn("error", "warning", "note", "none");
      assertThat(result.get("message").get("text").asString()).isNotBlank();
      var location = result.get("locations").get(0).get("physicalLocation");
      assertThat(location.get("artifactLocation").get("uri").asString()).doesNotStartWith("/");
      assertThat(location.get("region").get("startLine").asInt()).isPositive();
      assertThat(location.get("region").get("startColumn").asInt()).isPositive();
      assertThat(result.get("partialFingerprints").get("reviewerFingerprint/v1").asString())
          .hasSize(32);
      if (result.has("suppressions")) {
        sawSuppression = true;
        var suppression = result.get("suppressions").get(0);
        assertThat(suppression.get("kind").asString()).isIn("inSource", "external");
        assertThat(suppression.get("justification").asString()).isNotBlank();
      }
    }
    assertThat(sawSuppression).as(".reviewer.yml ignores appear as SARIF suppressions").isTrue();
  }

  @Test
  void baselineRoundTripSurvivesUnrelatedEdits() throws IOException {
    var baseline = work.resolve("baseline.json");
    assertThat(
            scan("-q", "--baseline", baseline.toString(), "--update-baseline", project.toString()))
        .isZero();
    assertThat(Files.readString(baseline)).contains("fingerprint").doesNotContain(SECRET);
    assertThat(scan("-q", "--baseline", baseline.toString(), project.toString())).isZero();
    // an unrelated edit moves the finding two lines down: still accepted
    var env = project.resolve(".env.production");
    Files.writeString(env, "# production\nNODE_ENV=production\n" + Files.readString(env));
    assertThat(
            scan("-q", "--format", "json", "--baseline", baseline.toString(), project.toString()))
        .isZero();
    // a new problem is reported
    Files.writeString(
        project.resolve(".env"),
        "DATABASE_URL=postgres://u:p@db.other.supabase.co:5432/postgres\n");
    assertThat(scan("-q", "--baseline", baseline.toString(), project.toString())).isEqualTo(1);
    assertThat(out.toString()).contains(".env:1").doesNotContain(".env.production:");
  }

  @Test
  void inlineCommentsAndConfigEntriesSuppress() throws IOException {
    var env = project.resolve(".env.production");
    Files.writeString(
        env,
        "# reviewer-ignore AR-DB-003, AR-DB-006: migrating to the pooler in ticket OPS-12\n"
            + Files.readString(env));
    assertThat(scan("-q", "--format", "json", project.toString())).isZero();
    var doc = JSON.readTree(out.toString());
    assertThat(doc.get("findings")).isEmpty();
    var kinds = new HashSet<String>();
    doc.get("suppressed").forEach(s -> kinds.add(s.get("suppression").get("kind").asString()));
    assertThat(kinds).contains("inSource", "external");
  }

  @Test
  void clonesAGitUrlOnlyWithTheInsecureFlag() throws Exception {
    try (var git = org.eclipse.jgit.api.Git.init().setDirectory(project.toFile()).call()) {
      git.add().addFilepattern(".").call();
      git.commit()
          .setMessage("x")
          .setAuthor("t", "t@example.com")
          .setCommitter("t", "t@example.com")
          .call();
    }
    var url = project.toUri().toString();
    assertThat(scan("-q", url)).isEqualTo(2);
    assertThat(scan("-q", "--allow-insecure-git", "--format", "json", url)).isEqualTo(1);
    assertThat(JSON.readTree(out.toString()).get("root").asString())
        .as("the report names the URL, not the temporary clone folder")
        .startsWith("file:")
        .doesNotContain("reviewer-clone-");
    assertThat(out.toString()).contains("AR-DB-003");
  }

  @Test
  void clonesTheBranchOrTagGivenWithRef() throws Exception {
    try (var git =
        org.eclipse.jgit.api.Git.init()
            .setDirectory(project.toFile())
            .setInitialBranch("main")
            .call()) {
      Files.writeString(project.resolve("README.md"), "nothing to see\n");
      git.add().addFilepattern("README.md").call();
      git.commit()
          .setMessage("empty")
          .setAuthor("t", "t@example.com")
          .setCommitter("t", "t@example.com")
          .call();
      git.checkout().setCreateBranch(true).setName("with-app").call();
      git.add().addFilepattern(".").call();
      git.commit()
          .setMessage("app")
          .setAuthor("t", "t@example.com")
          .setCommitter("t", "t@example.com")
          .call();
      git.checkout().setName("main").call();
    }
    var url = project.toUri().toString();

    assertThat(scan("-q", "--allow-insecure-git", "--format", "json", url)).isEqualTo(0);
    assertThat(scan("-q", "--allow-insecure-git", "--format", "json", "--ref", "with-app", url))
        .isEqualTo(1);
    assertThat(JSON.readTree(out.toString()).get("root").asString()).endsWith("#with-app");
    assertThat(out.toString()).contains("AR-DB-003");

    assertThat(scan("-q", "--allow-insecure-git", "--ref", "nope", url)).isEqualTo(2);
    assertThat(err.toString()).contains("'nope' does not exist");
    assertThat(scan("-q", "--allow-insecure-git", "--ref", "a..b", url)).isEqualTo(2);
    assertThat(err.toString()).contains("check-ref-format");
    assertThat(scan("-q", "--ref", "main", project.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--ref applies to git URLs only");
  }
}
