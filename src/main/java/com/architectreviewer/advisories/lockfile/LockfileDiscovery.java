package com.architectreviewer.advisories.lockfile;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds and reads every lockfile and manifest under a project root. A JavaScript lockfile covers
 * its directory and everything below it (workspace members), so a {@code package.json} is read on
 * its own only where no lockfile covers it. Symbolic links are not followed, dependency and build
 * folders are skipped, and nothing outside the root is read.
 */
public final class LockfileDiscovery {

  /** Lockfiles and manifests found and read, with every warning. */
  public record Result(List<Dependency> dependencies, List<String> files, List<String> warnings) {
    public Result {
      dependencies = List.copyOf(dependencies);
      files = List.copyOf(files);
      warnings = List.copyOf(warnings);
    }
  }

  private static final int MAX_DEPTH = 12;
  private static final int MAX_FILES = 500;
  private static final Set<String> SKIPPED =
      Set.of(
          "node_modules",
          ".git",
          "target",
          "build",
          "dist",
          ".next",
          ".nuxt",
          ".venv",
          "venv",
          "__pycache__",
          "vendor",
          ".yarn",
          ".pnpm-store",
          "bower_components",
          ".gradle",
          "out");
  private static final List<String> JS_LOCKFILES =
      List.of(
          "npm-shrinkwrap.json", "package-lock.json", "yarn.lock", "pnpm-lock.yaml", "bun.lock");

  private LockfileDiscovery() {}

  public static Result scan(Path projectRoot) throws IOException {
    Path root = projectRoot.toRealPath();
    var byDirectory = new TreeMap<Path, List<Path>>();
    Files.walkFileTree(
        root,
        Set.of(),
        MAX_DEPTH,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
            return !dir.equals(root) && SKIPPED.contains(name)
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile() && kind(file.getFileName().toString()) != null) {
              byDirectory.computeIfAbsent(file.getParent(), d -> new ArrayList<>()).add(file);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException exc) {
            return FileVisitResult.CONTINUE;
          }
        });
    var dependencies = new ArrayList<Dependency>();
    var files = new ArrayList<String>();
    var warnings = new ArrayList<String>();
    var coveredByLockfile = new HashSet<Path>();
    for (var entry : byDirectory.entrySet()) {
      List<Path> found = entry.getValue();
      boolean hasJsLockfile = found.stream().anyMatch(f -> isJsLockfile(f));
      if (hasJsLockfile) {
        coveredByLockfile.add(entry.getKey());
      }
      boolean covered = isCovered(entry.getKey(), coveredByLockfile);
      boolean shrinkwrap =
          found.stream().anyMatch(f -> f.getFileName().toString().equals("npm-shrinkwrap.json"));
      for (Path file : found.stream().sorted().toList()) {
        String name = file.getFileName().toString();
        if ((name.equals("package.json") && covered)
            || (name.equals("package-lock.json") && shrinkwrap)) {
          continue;
        }
        if (files.size() >= MAX_FILES) {
          warnings.add("more than " + MAX_FILES + " lockfiles and manifests: the rest not read");
          break;
        }
        String relative = root.relativize(file).toString().replace('\\', '/');
        files.add(relative);
        if (name.equals("bun.lockb")) {
          warnings.add(
              relative
                  + ": binary bun.lockb is not read; run `bun install --save-text-lockfile`"
                  + " to write bun.lock");
          continue;
        }
        try {
          ParsedLockfile parsed = parserFor(file).parse(file, relative);
          dependencies.addAll(parsed.dependencies());
          warnings.addAll(parsed.warnings());
        } catch (Formats.Malformed e) {
          warnings.add(relative + ": " + e.getMessage());
        } catch (IOException | RuntimeException e) {
          warnings.add(relative + ": could not be read (" + e.getMessage() + "), skipped");
        }
      }
    }
    return new Result(dependencies, files, warnings);
  }

  private static boolean isJsLockfile(Path file) {
    String name = file.getFileName().toString();
    return JS_LOCKFILES.contains(name) || name.equals("bun.lockb");
  }

  private static boolean isCovered(Path dir, Set<Path> lockfileDirs) {
    for (Path d = dir; d != null; d = d.getParent()) {
      if (lockfileDirs.contains(d)) {
        return true;
      }
    }
    return false;
  }

  static String kind(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    if (JS_LOCKFILES.contains(fileName)
        || fileName.equals("bun.lockb")
        || fileName.equals("package.json")
        || fileName.equals("pom.xml")
        || fileName.equals("poetry.lock")
        || fileName.equals("uv.lock")) {
      return fileName;
    }
    if (lower.startsWith("requirements") && lower.endsWith(".txt")
        || lower.endsWith("-requirements.txt")) {
      return "requirements.txt";
    }
    return null;
  }

  static LockfileParser parserFor(Path file) throws IOException {
    String name = file.getFileName().toString();
    return switch (kind(name)) {
      case "npm-shrinkwrap.json", "package-lock.json" -> new NpmLockParser();
      case "yarn.lock" -> isBerry(file) ? new YarnBerryParser() : new YarnClassicParser();
      case "pnpm-lock.yaml" -> new PnpmLockParser();
      case "bun.lock" -> new BunLockParser();
      case "package.json" -> new PackageJsonParser();
      case "pom.xml" -> new MavenPomParser();
      case "poetry.lock" -> new PoetryLockParser();
      case "uv.lock" -> new UvLockParser();
      default -> new RequirementsParser();
    };
  }

  private static boolean isBerry(Path yarnLock) throws IOException {
    try (var lines = Files.lines(yarnLock)) {
      return lines.limit(20).anyMatch(l -> l.startsWith("__metadata:"));
    }
  }
}
