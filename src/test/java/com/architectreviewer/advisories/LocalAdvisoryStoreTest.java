package com.architectreviewer.advisories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalAdvisoryStoreTest {

  static final Path OSV = Path.of("src/test/resources/advisories/osv");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T08:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  private LocalAdvisoryStore store() {
    return LocalAdvisoryStore.at(dir.resolve("store"), CLOCK);
  }

  @Test
  void importsAFolderAndReportsStatusPerEcosystem() throws Exception {
    ImportSummary summary = store().importFrom(OSV);
    assertThat(summary.read()).isEqualTo(12);
    assertThat(summary.added()).isEqualTo(11);
    assertThat(summary.withdrawn()).isEqualTo(1);
    assertThat(summary.warnings()).isEmpty();

    StoreStatus status = store().status();
    assertThat(status.lastImport()).isEqualTo(CLOCK.instant());
    assertThat(status.advisories()).isEqualTo(11);
    assertThat(status.ecosystems()).containsOnlyKeys("npm", "Maven", "PyPI", "Debian:12");
    assertThat(status.ecosystems().get("npm").advisories()).isEqualTo(7);
    assertThat(status.ecosystems().get("npm").newestModified())
        .isEqualTo(Instant.parse("2025-03-24T18:00:00Z"));
  }

  @Test
  void reimportIsIncrementalByModified() throws Exception {
    store().importFrom(OSV);
    ImportSummary again = store().importFrom(OSV);
    assertThat(again.added()).isZero();
    assertThat(again.updated()).isZero();
    assertThat(again.unchanged()).isEqualTo(11);

    Path newer = dir.resolve("newer");
    Files.createDirectories(newer);
    Files.writeString(
        newer.resolve("lodash.json"),
        Files.readString(OSV.resolve("GHSA-35jh-r3h4-6jhm.json"))
            .replace("2024-01-01T00:00:00Z", "2025-06-01T00:00:00Z")
            .replace("Command Injection in lodash", "Command Injection in lodash (revised)"));
    ImportSummary update = store().importFrom(newer);
    assertThat(update.updated()).isEqualTo(1);
    assertThat(store().load().lookup("npm", "lodash"))
        .extracting(e -> e.advisory().summary())
        .containsExactly("Command Injection in lodash (revised)");
  }

  @Test
  void aWithdrawnRevisionRemovesTheStoredAdvisory() throws Exception {
    store().importFrom(OSV);
    Path withdrawn = dir.resolve("withdrawn.json");
    Files.writeString(
        withdrawn,
        Files.readString(OSV.resolve("GHSA-35jh-r3h4-6jhm.json"))
            .replace(
                "\"modified\": \"2024-01-01T00:00:00Z\",",
                "\"modified\": \"2025-06-01T00:00:00Z\", \"withdrawn\": \"2025-06-01T00:00:00Z\","));
    assertThat(store().importFrom(withdrawn).withdrawn()).isEqualTo(1);
    assertThat(store().load().lookup("npm", "lodash")).isEmpty();
  }

  @Test
  void importsAnEcosystemZipAndRefusesEntriesThatEscape() throws Exception {
    Path zip = dir.resolve("all.zip");
    try (var out = new ZipOutputStream(Files.newOutputStream(zip))) {
      try (var files = Files.list(OSV)) {
        for (Path file : files.sorted().toList()) {
          out.putNextEntry(new ZipEntry(file.getFileName().toString()));
          out.write(Files.readAllBytes(file));
          out.closeEntry();
        }
      }
      out.putNextEntry(new ZipEntry("../../evil.json"));
      out.write(Files.readAllBytes(OSV.resolve("GHSA-35jh-r3h4-6jhm.json")));
      out.closeEntry();
      out.putNextEntry(new ZipEntry("broken.json"));
      out.write("{\"id\": ".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    ImportSummary summary = store().importFrom(zip);
    assertThat(summary.added()).isEqualTo(11);
    assertThat(summary.warnings())
        .anySatisfy(w -> assertThat(w).contains("../../evil.json", "refused"))
        .anySatisfy(w -> assertThat(w).contains("broken.json", "not valid JSON"));
    assertThat(Files.exists(dir.getParent().resolve("evil.json"))).isFalse();
  }

  @Test
  void refusesOversizedEntriesByTheBytesActuallyRead() throws Exception {
    Path zip = dir.resolve("big.zip");
    try (var out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("huge.json"));
      writeZeros(out, OsvSource.MAX_DOCUMENT_BYTES + 1);
      out.closeEntry();
    }
    ImportSummary summary = store().importFrom(zip);
    assertThat(summary.read()).isZero();
    assertThat(summary.warnings()).singleElement().asString().contains("huge.json", "larger than");
  }

  @Test
  void sourcesThatAreNotAdvisoriesAreRefusedWithAReason() throws Exception {
    Path notZip = dir.resolve("fake.zip");
    Files.writeString(notZip, "not a zip");
    assertThatThrownBy(() -> store().importFrom(notZip))
        .isInstanceOf(UnreadableAdvisories.class)
        .hasMessageContaining("not a readable zip archive");
    assertThatThrownBy(() -> store().importFrom(dir.resolve("missing")))
        .isInstanceOf(UnreadableAdvisories.class)
        .hasMessageContaining("does not exist");
    Path text = dir.resolve("notes.txt");
    Files.writeString(text, "hello");
    assertThatThrownBy(() -> store().importFrom(text))
        .isInstanceOf(UnreadableAdvisories.class)
        .hasMessageContaining("neither a folder");
  }

  @Test
  void anEmptyStoreSaysSo() throws IOException {
    assertThat(store().exists()).isFalse();
    assertThat(store().status().lastImport()).isNull();
    assertThat(store().load().size()).isZero();
  }

  @Test
  void zipEntryNamesThatLeaveTheFolderAreRecognised() {
    assertThat(OsvSource.escapes("../x.json")).isTrue();
    assertThat(OsvSource.escapes("a/../../x.json")).isTrue();
    assertThat(OsvSource.escapes("/etc/x.json")).isTrue();
    assertThat(OsvSource.escapes("C:\\\\x.json")).isTrue();
    assertThat(OsvSource.escapes("GHSA-1.json")).isFalse();
    assertThat(OsvSource.escapes("npm/GHSA-1.json")).isFalse();
  }

  private static void writeZeros(OutputStream out, long count) throws IOException {
    byte[] block = new byte[1 << 16];
    for (long left = count; left > 0; left -= block.length) {
      out.write(block, 0, (int) Math.min(block.length, left));
    }
  }
}
