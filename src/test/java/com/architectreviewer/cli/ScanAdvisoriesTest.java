package com.architectreviewer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanAdvisoriesTest {

  static final String PROJECT = "src/test/resources/advisories/projects/middleware";

  @TempDir Path dir;

  private String[] run(String... args) {
    var out = new StringWriter();
    var err = new StringWriter();
    var cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new String[] {String.valueOf(exit), out.toString(), err.toString()};
  }

  @Test
  void scanReportsDependencyFindingsFromTheImportedStore() {
    String store = dir.resolve("store").toString();
    assertThat(
            run("advisories", "import", "--advisories", store, "src/test/resources/advisories/osv")[
                0])
        .isEqualTo("0");
    String[] json = run("scan", "-q", "--advisories", store, "-f", "json", PROJECT);
    assertThat(json[0]).isEqualTo("1");
    assertThat(json[1]).contains("\"rule\" : \"AR-DEP-001\"", "GHSA-f82v-jwr5-mffw");
    String[] sarif = run("scan", "-q", "--advisories", store, "-f", "sarif", PROJECT);
    assertThat(sarif[1]).contains("AR-DEP-001");
    String[] text = run("scan", "-q", "--advisories", store, PROJECT);
    assertThat(text[1]).contains("AR-DEP-001");
  }

  @Test
  void scanSaysWhenNoAdvisoriesAreImported() {
    String[] text = run("scan", "-q", "--advisories", dir.resolve("empty").toString(), PROJECT);
    assertThat(text[1]).contains("no dependency advisories imported").doesNotContain("AR-DEP-001 ");
  }
}
