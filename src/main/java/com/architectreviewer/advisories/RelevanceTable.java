package com.architectreviewer.advisories;

import com.architectreviewer.advisories.osv.Advisory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The curated table of advisories whose impact depends on the app ({@code relevance.json} beside
 * this class): when the condition is absent from the project, the finding is downgraded and says
 * why. Conditions are files that must exist, or source text that must appear.
 */
final class RelevanceTable {

  record Condition(
      List<String> ids,
      String description,
      List<PathMatcher> files,
      List<PathMatcher> sourceFiles,
      Pattern sourcePattern,
      String absent) {}

  private static final Set<String> SKIPPED =
      Set.of("node_modules", ".git", "target", "build", "dist", ".next", ".venv", "vendor");
  private static final int MAX_DEPTH = 10;
  private static final long MAX_SOURCE_BYTES = 1024 * 1024;

  private final List<Condition> conditions;
  private final Map<Condition, Boolean> present = new HashMap<>();

  private RelevanceTable(List<Condition> conditions) {
    this.conditions = conditions;
  }

  static RelevanceTable curated() {
    try (InputStream in = RelevanceTable.class.getResourceAsStream("relevance.json")) {
      JsonNode table = JsonMapper.builder().build().readTree(in);
      var conditions = new ArrayList<Condition>();
      for (JsonNode row : table) {
        var ids = new ArrayList<String>();
        row.path("ids").forEach(id -> ids.add(id.asString()));
        conditions.add(
            new Condition(
                ids,
                row.path("condition").asString(),
                globs(row.path("files")),
                globs(row.path("sourceFiles")),
                row.has("sourcePattern")
                    ? Pattern.compile(row.path("sourcePattern").asString())
                    : null,
                row.path("absent").asString()));
      }
      return new RelevanceTable(List.copyOf(conditions));
    } catch (IOException e) {
      throw new UncheckedIOException("relevance.json is missing from the build", e);
    }
  }

  private static List<PathMatcher> globs(JsonNode patterns) {
    var matchers = new ArrayList<PathMatcher>();
    patterns.forEach(
        p -> matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + p.asString())));
    return matchers;
  }

  /** Why the advisory does not apply to the project at {@code root}, or empty when it may. */
  Optional<String> absentCondition(Advisory advisory, Path root) {
    for (Condition condition : conditions) {
      if (applies(condition, advisory)
          && !present.computeIfAbsent(condition, c -> holds(c, root))) {
        return Optional.of(condition.absent());
      }
    }
    return Optional.empty();
  }

  private static boolean applies(Condition condition, Advisory advisory) {
    return condition.ids().contains(advisory.id())
        || advisory.aliases().stream().anyMatch(condition.ids()::contains);
  }

  private static boolean holds(Condition condition, Path root) {
    boolean[] found = {false};
    try {
      Files.walkFileTree(
          root,
          Set.of(),
          MAX_DEPTH,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              return !dir.equals(root) && SKIPPED.contains(dir.getFileName().toString())
                  ? FileVisitResult.SKIP_SUBTREE
                  : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (!attrs.isRegularFile()) {
                return FileVisitResult.CONTINUE;
              }
              Path relative = root.relativize(file);
              if (condition.files().stream().anyMatch(m -> m.matches(relative))
                  || sourceMatches(condition, relative, file, attrs)) {
                found[0] = true;
                return FileVisitResult.TERMINATE;
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException unreadable) {
      return true; // cannot tell: do not downgrade
    }
    return found[0];
  }

  private static boolean sourceMatches(
      Condition condition, Path relative, Path file, BasicFileAttributes attrs) {
    if (condition.sourcePattern() == null
        || attrs.size() > MAX_SOURCE_BYTES
        || condition.sourceFiles().stream().noneMatch(m -> m.matches(relative))) {
      return false;
    }
    try {
      return condition.sourcePattern().matcher(Files.readString(file)).find();
    } catch (IOException | RuntimeException unreadable) {
      return false;
    }
  }
}
