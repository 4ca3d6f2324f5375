package com.architectreviewer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdvisoriesCommandTest {

  static final Path OSV = Path.of("src/test/resources/advisories/osv");

  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  private Run run(String... args) {
    var out = new StringWriter();
    var err = new StringWriter();
    var cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void importsThenShowsCountsPerEcosystemAndAge() {
    String store = dir.resolve("store").toString();
    Run imported = run("advisories", "import", "--advisories", store, OSV.toString());
    assertThat(imported.exit()).isZero();
    assertThat(imported.out()).contains("Imported 12 advisories", "11 added", "1 withdrawn");

    Run status = run("advisories", "status", "--advisories", store);
    assertThat(status.exit()).isZero();
    assertThat(status.out())
        .contains("11 advisories in " + store)
        .containsPattern("npm\\s+7\\s+2025-03-24T18:00:00Z")
        .containsPattern("PyPI\\s+2\\s+")
        .containsPattern("Maven\\s+1\\s+");
  }

  @Test
  void statusOfAnEmptyStoreSaysHowToImport() {
    Run status = run("advisories", "status", "--advisories", dir.resolve("empty").toString());
    assertThat(status.exit()).isZero();
    assertThat(status.out()).contains("No advisories imported", "reviewer advisories import");
  }

  @Test
  void badSourcesAreOneLineErrorsWithExitCode2() throws Exception {
    Run missing =
        run("advisories", "import", "--advisories", dir.toString(), dir.resolve("nope").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err().strip()).doesNotContain("\n").contains("does not exist");

    Path fake = Files.writeString(dir.resolve("all.zip"), "not a zip");
    Run notZip = run("advisories", "import", "--advisories", dir.toString(), fake.toString());
    assertThat(notZip.exit()).isEqualTo(2);
    assertThat(notZip.err()).contains("not a readable zip archive");

    assertThat(run("advisories", "import").exit()).isEqualTo(2);
  }

  @Test
  void aDamagedStoreIsAOneLineErrorThatSaysHowToRepair() throws Exception {
    Path store = dir.resolve("store");
    assertThat(run("advisories", "import", "--advisories", store.toString(), OSV.toString()).exit())
        .isZero();
    Path file = store.resolve("advisories.bin");
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    Run status = run("advisories", "status", "--advisories", store.toString());
    assertThat(status.exit()).isEqualTo(2);
    assertThat(status.err().strip()).doesNotContain("\n").contains("is damaged", "import again");
    Run reimport = run("advisories", "import", "--advisories", store.toString(), OSV.toString());
    assertThat(reimport.exit()).isZero();
    assertThat(reimport.out()).contains("11 added");
    assertThat(reimport.err()).contains("is damaged", "rebuilt from this import");
    assertThat(run("advisories", "status", "--advisories", store.toString()).exit()).isZero();
  }

  @Test
  void helpNamesTheOptionsAndEnvironment() {
    Run help = run("advisories", "--help");
    assertThat(help.out()).contains("import", "status", "REVIEWER_ADVISORIES", "DATABASE_URL");
    assertThat(run("advisories", "import", "--help").out()).contains("--advisories", "PATH");
  }
}
