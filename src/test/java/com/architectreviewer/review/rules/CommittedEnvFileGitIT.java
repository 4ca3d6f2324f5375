package com.architectreviewer.review.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.architectreviewer.review.ReviewEngine;
import com.architectreviewer.review.ReviewListener;
import com.architectreviewer.review.ReviewOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AR-SEC-003 on a real git checkout (the git CLI makes it): a tracked env file is reported even
 * when .gitignore covers it; an ignored, untracked one is not.
 */
class CommittedEnvFileGitIT {

  private static final Path FIXTURE =
      Path.of("src/test/resources/fixtures/ar-sec-003-monorepo-env-fixed");

  @TempDir Path repo;

  @Test
  void reportsAnIgnoredEnvFileThatGitStillTracks() throws Exception {
    copy(FIXTURE, repo);
    git("init", "-q");
    git("add", "-A");
    git("add", "-f", "apps/web/.env.production");
    git("commit", "-q", "-m", "initial");

    var findings = secFindings();

    assertThat(findings).containsExactly("apps/web/.env.production:3 tracked");
  }

  @Test
  void ignoredUntrackedEnvFilesAreLocalConfigurationAndNotReported() throws Exception {
    copy(FIXTURE, repo);
    git("init", "-q");
    git("add", "-A");
    git("commit", "-q", "-m", "initial");

    assertThat(secFindings()).isEmpty();
  }

  private List<String> secFindings() {
    var report =
        new ReviewEngine()
            .review(repo, ReviewOptions.defaults().withThreads(1), ReviewListener.NONE);
    return report.findings().stream()
        .filter(f -> f.rule().equals("AR-SEC-003"))
        .map(f ->
            f.file()
                + ":"
                + f.line()
                + (f.message().contains("tracked by git") ? " tracked" : " untracked"))
        .toList();
  }

  private void git(String... args) throws IOException, InterruptedException {
    var command = new java.util.ArrayList<String>();
    command.addAll(
        List.of("git", "-c", "user.name=Fixture", "-c", "user.email=fixture@example.com"));
    command.addAll(List.of(args));
    var process =
        new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true).start();
    var output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", args) + ": " + output).isZero();
  }

  private static void copy(Path from, Path to) throws IOException {
    try (var files = Files.walk(from)) {
      for (var source : files.toList()) {
        var target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else if (!source.getFileName().toString().equals("expected.json")) {
          Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
