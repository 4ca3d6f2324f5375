package com.architectreviewer.review.rules;

import com.architectreviewer.review.Rule;
import com.architectreviewer.review.Severity;
import com.architectreviewer.review.model.ProjectModel;
import com.architectreviewer.review.secrets.EnvFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * AR-SEC-003: an env file with real secret values that git tracks (git checkout) or that no {@code
 * .gitignore} covers (the walk keeps only files git would not ignore).
 */
final class CommittedEnvFile implements Check {

  static final Rule RULE =
      Rule.of(
          "AR-SEC-003",
          "Env file with real secrets committed or not ignored",
          Severity.CRITICAL,
          "Whoever can read the repository (collaborators, CI logs, a fork, a leaked laptop) gets"
              + " the database password and every provider key; the P1017 case study starts from"
              + " the production DATABASE_URL. Ignoring a file after it was committed does not"
              + " remove it from history.",
          "Ignore env files and stop tracking them:\n"
              + "  # .gitignore\n"
              + "  .env*\n"
              + "  !.env.example\n"
              + "  git rm --cached .env .env.production\n"
              + "then rotate every secret the file held and keep real values in the platform's"
              + " environment settings.");

  private static final long MAX_BYTES = 256 * 1024;

  @Override
  public Rule rule() {
    return RULE;
  }

  @Override
  public void run(ProjectModel model, Findings findings) {
    Set<String> tracked = TrackedFiles.of(model.root());
    var candidates = new TreeSet<String>();
    for (var file : model.files()) {
      if (EnvFiles.isEnvFile(name(file))) {
        candidates.add(file);
      }
    }
    for (var file : tracked) {
      if (EnvFiles.isEnvFile(name(file))) {
        candidates.add(file);
      }
    }
    boolean git = !tracked.isEmpty() || Files.exists(model.root().resolve(".git"));
    for (var file : candidates) {
      var text = model.text(file).or(() -> readInside(model.root(), file));
      if (text.isEmpty()) {
        continue;
      }
      var real = EnvFiles.parse(text.get()).stream().filter(EnvFiles::holdsRealSecret).toList();
      if (real.isEmpty()) {
        continue;
      }
      var names = String.join(", ", real.stream().map(e -> "`" + e.name() + "`").toList());
      var why =
          tracked.contains(file)
              ? "is tracked by git"
              : git
                  ? "is not ignored by any .gitignore (one `git add .` from being committed)"
                  : "is not covered by any .gitignore, so it will be committed";
      findings.add(
          RULE,
          Location.line(file, real.getFirst().line()),
          "`"
              + file
              + "` holds real values for "
              + names
              + " and "
              + why
              + ": rotate them and keep the file out of git");
    }
  }

  private static String name(String file) {
    return file.substring(file.lastIndexOf('/') + 1);
  }

  /**
   * A tracked file the walk skipped (ignored yet committed): read it if it is a small regular file
   * inside the root.
   */
  private static Optional<String> readInside(Path root, String file) {
    try {
      var path = root.resolve(file).normalize();
      if (!path.startsWith(root)
          || !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)
          || Files.size(path) > MAX_BYTES) {
        return Optional.empty();
      }
      return Optional.of(Files.readString(path, StandardCharsets.UTF_8));
    } catch (IOException | java.io.UncheckedIOException e) {
      return Optional.empty();
    }
  }
}
