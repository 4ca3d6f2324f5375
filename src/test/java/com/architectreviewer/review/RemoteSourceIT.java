package com.architectreviewer.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.architectreviewer.testsupport.GitHttpServer;
import com.architectreviewer.testsupport.GitHttpServer.Fault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clones real git repositories created here, over JGit's file transport and over real git's smart
 * HTTP (git http-backend) with the faults a git host shows.
 */
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

  @Test
  void clonesABranchOrATagInsteadOfTheDefaultBranch(@TempDir Path hostRoot) {
    try (var host = GitHttpServer.start(hostRoot)) {
      Path repo =
          host.createRepository("app", Path.of("src/test/resources/fixtures/db-001-app-router"));
      String fileUrl = repo.toUri().toString();
      var source = lenient(RemoteSource.Limits.defaults());

      try (var main = source.fetch(fileUrl, null)) {
        assertThat(main.dir().resolve("src/main-only.ts")).exists();
        assertThat(main.dir().resolve("src/release-only.ts")).doesNotExist();
      }
      for (String branch : new String[] {"release/2.x", "refs/heads/release/2.x"}) {
        try (var release = source.fetch(fileUrl, branch)) {
          assertThat(release.dir().resolve("src/release-only.ts")).as(branch).exists();
          assertThat(release.dir().resolve("src/main-only.ts")).as(branch).doesNotExist();
          assertThat(release.display()).endsWith("#" + branch);
        }
      }
      // an annotated tag, over smart HTTP, shallow
      try (var tag = source.fetch(host.url("app"), "v1")) {
        assertThat(tag.dir().resolve("src/app/api/login/route.ts")).exists();
        assertThat(tag.dir().resolve("src/main-only.ts")).doesNotExist();
        assertThat(tag.dir().resolve("src/release-only.ts")).doesNotExist();
      }
    }
  }

  @Test
  void anUnknownOrInvalidRefFailsForGood(@TempDir Path hostRoot) throws IOException {
    try (var host = GitHttpServer.start(hostRoot)) {
      host.createRepository("app", Path.of("src/test/resources/fixtures/db-001-app-router"));
      var source = lenient(RemoteSource.Limits.defaults());
      long before = cloneFolders();

      assertThatThrownBy(() -> source.fetch(host.url("app"), "no-such-branch"))
          .isInstanceOfSatisfying(
              CloneFailed.class,
              e -> {
                assertThat(e.retryable()).isFalse();
                assertThat(e.getMessage()).contains("'no-such-branch' does not exist");
              });
      int requests = host.requests();
      assertThatThrownBy(() -> source.fetch(host.url("app"), "a..b"))
          .isInstanceOfSatisfying(CloneFailed.class, e -> assertThat(e.retryable()).isFalse());
      assertThat(host.requests()).as("an invalid name never reaches the host").isEqualTo(requests);
      assertThat(cloneFolders()).isEqualTo(before);
    }
  }

  @Test
  void transientHostFailuresAreRetryable(@TempDir Path hostRoot) throws IOException {
    try (var host = GitHttpServer.start(hostRoot)) {
      host.createRepository("app", Path.of("src/test/resources/fixtures/db-001-app-router"));
      var source = lenient(RemoteSource.Limits.defaults());
      long before = cloneFolders();

      for (Fault fault :
          new Fault[] {Fault.UNAVAILABLE_503, Fault.BAD_GATEWAY_502, Fault.DROP_CONNECTION}) {
        if (fault == Fault.DROP_CONNECTION) {
          // the JDK's HTTP client sends a GET once more by itself when the connection drops
          host.failNext(fault, fault);
        } else {
          host.failNext(fault);
        }
        assertThatThrownBy(() -> source.fetch(host.url("app")))
            .as(fault.name())
            .isInstanceOfSatisfying(
                CloneFailed.class,
                e -> {
                  assertThat(e.retryable()).as(fault + ": " + e.getMessage()).isTrue();
                  assertThat(e.getMessage()).startsWith("cannot clone");
                });
      }
      // a branch is looked up first: a fault there is transient too
      host.failNext(Fault.UNAVAILABLE_503);
      assertThatThrownBy(() -> source.fetch(host.url("app"), "release/2.x"))
          .isInstanceOfSatisfying(CloneFailed.class, e -> assertThat(e.retryable()).isTrue());
      // and once the host answers again, the same clone works
      try (var checkout = source.fetch(host.url("app"), "release/2.x")) {
        assertThat(checkout.dir().resolve("src/release-only.ts")).exists();
      }
      assertThat(cloneFolders()).isEqualTo(before);
    }
  }

  @Test
  void aHostThatDoesNotAnswerTimesOutRetryably(@TempDir Path hostRoot) {
    try (var host = GitHttpServer.start(hostRoot)) {
      host.createRepository("app", Path.of("src/test/resources/fixtures/db-001-app-router"));
      host.failAlways(Fault.HANG);
      var source = lenient(new RemoteSource.Limits(Duration.ofSeconds(2), 100L * 1024 * 1024));

      long start = System.nanoTime();
      assertThatThrownBy(() -> source.fetch(host.url("app")))
          .isInstanceOfSatisfying(
              CloneFailed.class, e -> assertThat(e.retryable()).as(e.getMessage()).isTrue());
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    }
  }

  @Test
  void missingRepositoryAndRequiredAuthenticationAreNotRetryable(@TempDir Path hostRoot) {
    try (var host = GitHttpServer.start(hostRoot)) {
      host.createRepository("app", Path.of("src/test/resources/fixtures/db-001-app-router"));
      var source = lenient(RemoteSource.Limits.defaults());

      assertThatThrownBy(() -> source.fetch(host.url("missing")))
          .isInstanceOfSatisfying(
              CloneFailed.class,
              e -> {
                assertThat(e.retryable()).as(e.getMessage()).isFalse();
                assertThat(e.getMessage()).endsWith(": repository not found");
              });
      host.failAlways(Fault.AUTH_REQUIRED_401);
      assertThatThrownBy(() -> source.fetch(host.url("app")))
          .isInstanceOfSatisfying(
              CloneFailed.class, e -> assertThat(e.retryable()).as(e.getMessage()).isFalse());
      assertThatThrownBy(() -> source.fetch(host.url("app"), "release/2.x"))
          .isInstanceOfSatisfying(
              CloneFailed.class, e -> assertThat(e.retryable()).as(e.getMessage()).isFalse());
    }
  }

  private static RemoteSource lenient(RemoteSource.Limits limits) {
    return new RemoteSource(new UrlGuard(new UrlGuard.Policy(true, true)), limits);
  }

  private static long cloneFolders() throws IOException {
    try (var list = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      // This process's clone folders (their names carry its pid).
      String mine = "reviewer-clone-" + ProcessHandle.current().pid() + "-";
      return list.filter(p -> p.getFileName().toString().startsWith(mine)).count();
    }
  }
}
