package com.architectreviewer.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clones a real git repository created here, over JGit's file transport. */
class RemoteSourceIT {

  @TempDir Path origin;
  private String url;

  @BeforeEach
  void createRepository() throws Exception {
    var fixture = Path.of("src/test/resources/fixtures/db-001-app-router");
    try (Stream<Path> files = Files.walk(fixture)) {
      for (var file : files.filter(Files::isRegularFile).toList()) {
        var target = origin.resolve(fixture.relativize(file).toString());
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
      }
    }
    try (var git = Git.init().setDirectory(origin.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      git.commit()
          .setMessage("app")
          .setAuthor("t", "t@example.com")
          .setCommitter("t", "t@example.com")
          .call();
    }
    url = origin.toUri().toString();
  }

  @Test
  void clonesShallowReviewsAndRemovesTheFolder() {
    var source =
        new RemoteSource(
            new UrlGuard(new UrlGuard.Policy(true, false)), RemoteSource.Limits.defaults());
    Path dir;
    try (var checkout = source.fetch(url)) {
      dir = checkout.dir();
      assertThat(dir.resolve("src/app/api/login/route.ts")).exists();
      var report = new ReviewEngine().review(dir, ReviewOptions.defaults(), ReviewListener.NONE);
      assertThat(report.findings())
          .extracting(Finding::rule, Finding::file)
          .contains(org.assertj.core.groups.Tuple.tuple("AR-DB-001", "src/app/api/login/route.ts"));
      assertThat(report.filesScanned()).as(".git is never walked").isLessThan(20);
    }
    assertThat(dir).doesNotExist();
    assertThat(dir.getParent()).doesNotExist();
  }

  @Test
  void refusesFileUrlsWithoutTheInsecureFlag() {
    var source =
        new RemoteSource(new UrlGuard(UrlGuard.Policy.strict()), RemoteSource.Limits.defaults());
    assertThatThrownBy(() -> source.fetch(url))
        .isInstanceOf(UrlRefused.class)
        .hasMessageContaining("only https");
  }

  @Test
  void stopsAtTheSizeLimitAndLeavesNothingBehind() throws IOException {
    long before = cloneFolders();
    var source =
        new RemoteSource(
            new UrlGuard(new UrlGuard.Policy(true, false)),
            new RemoteSource.Limits(Duration.ofMinutes(1), 100));
    assertThatThrownBy(() -> source.fetch(url))
        .isInstanceOf(CloneFailed.class)
        .hasMessageContaining("size limit");
    assertThat(cloneFolders()).isEqualTo(before);
  }

  @Test
  void reportsAMissingRepositoryWithoutLeakingCredentials() {
    var source =
        new RemoteSource(
            new UrlGuard(new UrlGuard.Policy(true, true)), RemoteSource.Limits.defaults());
    assertThatThrownBy(() -> source.fetch(origin.resolve("missing").toUri().toString()))
        .isInstanceOf(CloneFailed.class)
        .hasMessageStartingWith("cannot clone");
  }

  private static long cloneFolders() throws IOException {
    try (var list = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return list.filter(p -> p.getFileName().toString().startsWith("reviewer-clone-")).count();
    }
  }
}
