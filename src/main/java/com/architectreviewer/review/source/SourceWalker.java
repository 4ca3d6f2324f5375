package com.architectreviewer.review.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.eclipse.jgit.ignore.IgnoreNode;

/**
 * Walks a tree the way a reviewer would read it: honours every {@code .gitignore} (nested ones
 * apply below their folder, with git's own matching from JGit), skips dependency and build folders,
 * vendored code, binaries and big files, and never follows a symlink (one pointing out of the root
 * is counted apart).
 */
public final class SourceWalker {

  private static final Set<String> DEPENDENCY_DIRS =
      Set.of("node_modules", "bower_components", "jspm_packages", ".pnpm-store", ".yarn");
  private static final Set<String> BUILD_DIRS =
      Set.of(
          ".next",
          "dist",
          "build",
          "out",
          "coverage",
          ".turbo",
          ".vercel",
          ".netlify",
          ".svelte-kit",
          ".nuxt",
          ".output",
          ".serverless",
          ".sst",
          ".wrangler",
          "target",
          ".cache",
          ".parcel-cache");
  private static final Set<String> VENDORED_DIRS = Set.of("vendor", "third_party", "third-party");
  private static final Set<String> BINARY_EXTENSIONS =
      Set.of(
          "png", "jpg", "jpeg", "gif", "webp", "avif", "ico", "bmp", "tiff", "psd", "woff", "woff2",
          "ttf", "otf", "eot", "pdf", "zip", "gz", "tgz", "bz2", "xz", "7z", "rar", "jar", "war",
          "class", "exe", "dll", "so", "dylib", "wasm", "node", "mp3", "mp4", "mov", "avi", "webm",
          "ogg", "wav", "flac", "sqlite", "db", "bin", "dat", "pyc", "heic", "mkv");
  private static final Set<String> LOCKFILES =
      Set.of(
          "package-lock.json",
          "npm-shrinkwrap.json",
          "yarn.lock",
          "pnpm-lock.yaml",
          "bun.lock",
          "pom.xml",
          "gradle.lockfile");

  /** Lockfiles are often big but dependency sources need them; this is their own limit. */
  public static final long MAX_LOCKFILE_BYTES = 64L * 1024 * 1024;

  private final long maxFileBytes;

  public SourceWalker(long maxFileBytes) {
    this.maxFileBytes = maxFileBytes;
  }

  /**
   * Walks {@code root}.
   *
   * @param cancelled asked once per folder; when true the walk stops early and returns what it has
   * @throws IOException when the root cannot be read
   */
  public WalkedTree walk(Path root, BooleanSupplier cancelled) throws IOException {
    var realRoot = root.toRealPath();
    var files = new ArrayList<SourceFile>();
    var skipped = new SkipCounts();
    Files.walkFileTree(realRoot, new Visitor(realRoot, files, skipped, cancelled));
    files.sort(Comparator.comparing(SourceFile::path));
    return new WalkedTree(realRoot, files, skipped);
  }

  private record Ignore(String dir, IgnoreNode node) {}

  private final class Visitor extends SimpleFileVisitor<Path> {
    private final Path root;
    private final ArrayList<SourceFile> files;
    private final SkipCounts skipped;
    private final BooleanSupplier cancelled;
    private final Deque<Ignore> ignores = new ArrayDeque<>();

    Visitor(Path root, ArrayList<SourceFile> files, SkipCounts skipped, BooleanSupplier cancelled) {
      this.root = root;
      this.files = files;
      this.skipped = skipped;
      this.cancelled = cancelled;
    }

    @Override
    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
      if (cancelled.getAsBoolean()) {
        return FileVisitResult.TERMINATE;
      }
      var rel = relative(dir);
      if (!rel.isEmpty()) {
        var name = dir.getFileName().toString();
        if (name.equals(".git") || name.equals(".hg") || name.equals(".svn")) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        var reason = folderReason(name);
        if (reason == null && isIgnored(rel, true)) {
          reason = SkipReason.GITIGNORED;
        }
        if (reason != null) {
          skipped.add(reason);
          return FileVisitResult.SKIP_SUBTREE;
        }
      }
      var gitignore = dir.resolve(".gitignore");
      if (Files.isRegularFile(gitignore, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        var node = new IgnoreNode();
        try (InputStream in = Files.newInputStream(gitignore)) {
          node.parse(in);
          ignores.push(new Ignore(rel, node));
        } catch (IOException e) {
          skipped.add(SkipReason.UNREADABLE);
        }
      }
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult postVisitDirectory(Path dir, IOException exc) {
      var rel = relative(dir);
      if (!ignores.isEmpty() && ignores.peek().dir().equals(rel)) {
        ignores.pop();
      }
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
      var rel = relative(file);
      if (attrs.isSymbolicLink()) {
        skipped.add(escapes(file) ? SkipReason.SYMLINK_OUTSIDE_ROOT : SkipReason.SYMLINK);
        return FileVisitResult.CONTINUE;
      }
      if (!attrs.isRegularFile()) {
        return FileVisitResult.CONTINUE;
      }
      var name = file.getFileName().toString();
      var reason = fileReason(name, attrs.size());
      if (reason == null && isIgnored(rel, false)) {
        reason = SkipReason.GITIGNORED;
      }
      if (reason != null) {
        skipped.add(reason);
      } else {
        files.add(new SourceFile(rel, file, attrs.size()));
      }
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException exc) {
      skipped.add(SkipReason.UNREADABLE);
      return FileVisitResult.CONTINUE;
    }

    private boolean escapes(Path link) {
      try {
        return !link.toRealPath().startsWith(root);
      } catch (IOException e) {
        return true; // dangling or unreadable: treat as pointing nowhere we may read
      }
    }

    private boolean isIgnored(String rel, boolean directory) {
      for (var ignore : ignores) {
        var inDir = ignore.dir().isEmpty() ? rel : rel.substring(ignore.dir().length() + 1);
        Boolean result = ignore.node().checkIgnored(inDir, directory);
        if (result != null) {
          return result;
        }
      }
      return false;
    }

    private String relative(Path path) {
      var rel = root.relativize(path).toString();
      return path.getFileSystem().getSeparator().equals("/") ? rel : rel.replace('\\', '/');
    }
  }

  private static SkipReason folderReason(String name) {
    if (DEPENDENCY_DIRS.contains(name)) {
      return SkipReason.DEPENDENCIES;
    }
    if (BUILD_DIRS.contains(name)) {
      return SkipReason.BUILD_OUTPUT;
    }
    if (VENDORED_DIRS.contains(name)) {
      return SkipReason.VENDORED;
    }
    return null;
  }

  private SkipReason fileReason(String name, long size) {
    var lower = name.toLowerCase(Locale.ROOT);
    int dot = lower.lastIndexOf('.');
    var ext = dot < 0 ? "" : lower.substring(dot + 1);
    if (BINARY_EXTENSIONS.contains(ext)) {
      return SkipReason.BINARY;
    }
    if (lower.endsWith(".min.js") || lower.endsWith(".min.css") || lower.endsWith(".min.mjs")) {
      return SkipReason.MINIFIED;
    }
    if (lower.endsWith(".map")
        || lower.endsWith(".d.ts")
        || lower.contains(".generated.")
        || lower.endsWith(".gen.ts")) {
      return SkipReason.GENERATED;
    }
    long limit = LOCKFILES.contains(lower) ? MAX_LOCKFILE_BYTES : maxFileBytes;
    return size > limit ? SkipReason.TOO_LARGE : null;
  }
}
