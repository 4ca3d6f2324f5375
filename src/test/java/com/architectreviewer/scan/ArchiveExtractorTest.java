package com.architectreviewer.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveExtractorTest {

  @TempDir Path temp;

  private final ArchiveExtractor extractor = new ArchiveExtractor(ArchiveLimits.defaults());

  private Path target() throws IOException {
    return Files.createDirectories(temp.resolve("job/src"));
  }

  private void assertNothingOutsideTarget() throws IOException {
    try (var files = Files.walk(temp)) {
      assertThat(files.filter(p -> !p.startsWith(temp.resolve("job"))).toList())
          .containsExactly(temp);
    }
  }

  @Test
  void extractsFilesAndFoldersOfAZipAndATarGz() throws IOException {
    byte[] zip =
        Archives.zip(z -> {
          z.file("app/package.json", "{}".getBytes(StandardCharsets.UTF_8));
          z.file("app/src/index.ts", "export {}".getBytes(StandardCharsets.UTF_8));
        });
    Path zipTarget = target();
    assertThat(extractor.extract(zip, ArchiveFormat.detect(zip), zipTarget)).isEqualTo(2);
    assertThat(zipTarget.resolve("app/src/index.ts")).hasContent("export {}");

    byte[] tar = Archives.tarGz(t -> t.file("lib/a.js", "x".getBytes(StandardCharsets.UTF_8)));
    Path tarTarget = Files.createDirectories(temp.resolve("job/tar"));
    assertThat(ArchiveFormat.detect(tar)).isEqualTo(ArchiveFormat.TAR_GZ);
    extractor.extract(tar, ArchiveFormat.TAR_GZ, tarTarget);
    assertThat(tarTarget.resolve("lib/a.js")).hasContent("x");
  }

  @Test
  void rejectsZipEntryEscapingTheRootWithDotDot() throws IOException {
    byte[] zip = Archives.zip(z -> z.file("app/../../evil.txt", new byte[] {1}));
    assertThatThrownBy(() -> extractor.extract(zip, ArchiveFormat.ZIP, target()))
        .isInstanceOf(ArchiveRejected.class)
        .hasMessageContaining("outside the archive");
    assertNothingOutsideTarget();
  }

  @Test
  void rejectsTarEntryEscapingTheRootWithDotDot() throws IOException {
    byte[] tar = Archives.tarGz(t -> t.file("../evil.txt", new byte[] {1}));
    assertThatThrownBy(() -> extractor.extract(tar, ArchiveFormat.TAR_GZ, target()))
        .isInstanceOf(ArchiveRejected.class);
    assertNothingOutsideTarget();
  }

  @Test
  void rejectsAbsolutePaths() throws IOException {
    byte[] zip = Archives.zip(z -> z.file("/tmp/evil.txt", new byte[] {1}));
    assertThatThrownBy(() -> extractor.extract(zip, ArchiveFormat.ZIP, target()))
        .isInstanceOf(ArchiveRejected.class)
        .hasMessageContaining("absolute path");
    byte[] windows = Archives.zip(z -> z.file("C:\\evil.txt", new byte[] {1}));
    assertThatThrownBy(() -> extractor.check(windows, ArchiveFormat.ZIP))
        .isInstanceOf(ArchiveRejected.class);
  }

  @Test
  void rejectsSymbolicLinksInZipAndTar() throws IOException {
    byte[] zip = Archives.zip(z -> z.symlink("link", "/etc/passwd"));
    assertThatThrownBy(() -> extractor.extract(zip, ArchiveFormat.ZIP, target()))
        .isInstanceOf(ArchiveRejected.class)
        .hasMessageContaining("symbolic link");

    byte[] tar =
        Archives.tarGz(t -> {
          t.symlink("link", "/etc");
          t.file("link/passwd", new byte[] {1});
        });
    assertThatThrownBy(() -> extractor.extract(tar, ArchiveFormat.TAR_GZ, target()))
        .isInstanceOf(ArchiveRejected.class)
        .hasMessageContaining("link");
    byte[] hard = Archives.tarGz(t -> t.hardlink("passwd", "/etc/passwd"));
    assertThatThrownBy(() -> extractor.check(hard, ArchiveFormat.TAR_GZ))
        .isInstanceOf(ArchiveRejected.class);
    assertNothingOutsideTarget();
  }

  @Test
  void rejectsTooManyEntries() {
    var small = new ArchiveExtractor(new ArchiveLimits(10, 1 << 20, 200));
    byte[] zip =
        Archives.zip(z -> {
          for (int i = 0; i < 11; i++) {
            z.file("f" + i, new byte[] {1});
          }
        });
    assertThatThrownBy(() -> small.check(zip, ArchiveFormat.ZIP))
        .isInstanceOf(ArchiveRejected.class)
        .hasMessageContaining("more than 10 entries");
  }

  @Test
  void readsTheDeclaredEntryCountOfAZipBeforeItsCentralDirectory() {
    byte[] zip =
        Archives.zip(z -> {
          for (int i = 0; i < 7; i++) {
            z.file("f" + i, new byte[] {1});
          }
        });
    assertThat(ArchiveExtractor.declaredZipEntries(zip)).isEqualTo(7);
  }

  @Test
  void defaultLimitRejectsMoreThanFiftyThousandEntries() {
    byte[] tar =
        Archives.tarGz(t -> {
          for (int i = 0; i <= ArchiveLimits.DEFAULT_MAX_ENTRIES; i++) {
            t.file("f" + i, new byte[0]);
          }
        });
    assertThatThrownBy(() -> extractor.check(tar, ArchiveFormat.TAR_GZ))
        .isInstanceOf(ArchiveRejected.class)
        .hasMessageContaining("more than 50000 entries");
  }

  @Test
  void rejectsMoreUncompressedBytesThanTheLimitCountingWhatIsReallyWritten() throws IOException {
    var small = new ArchiveExtractor(new ArchiveLimits(100, 1000, 1_000_000));
    byte[] zip = Archives.zip(z -> z.file("big", new byte[1001]));
    assertThatThrownBy(() -> small.extract(zip, ArchiveFormat.ZIP, target()))
        .isInstanceOf(ArchiveRejected.class)
        .hasMessageContaining("expands to more than");
  }

  @Test
  void rejectsZipBombRatios() {
    byte[] bomb = Archives.zip(z -> z.file("zeros", Archives.zeros(40 * 1024 * 1024)));
    assertThat(bomb.length).isLessThan(200 * 1024);
    assertThatThrownBy(() -> extractor.check(bomb, ArchiveFormat.ZIP))
        .isInstanceOf(ArchiveRejected.class)
        .hasMessageContaining("zip bombs");
  }

  @Test
  void rejectsDuplicateEntries() throws IOException {
    byte[] zip =
        Archives.zip(z -> {
          z.file("a.txt", new byte[] {1});
          z.file("a.txt", new byte[] {2});
        });
    assertThatThrownBy(() -> extractor.extract(zip, ArchiveFormat.ZIP, target()))
        .isInstanceOf(ArchiveRejected.class)
        .hasMessageContaining("twice");
  }

  @Test
  void rejectsWhatIsNeitherZipNorTarGz() {
    assertThatThrownBy(() -> ArchiveFormat.detect("hello".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ArchiveRejected.class);
    byte[] truncated = java.util.Arrays.copyOf(Archives.tarGz(t -> t.file("a", new byte[10])), 12);
    assertThatThrownBy(() -> extractor.check(truncated, ArchiveFormat.TAR_GZ))
        .isInstanceOf(ArchiveRejected.class);
  }
}
