package com.architectreviewer.scan;

import com.architectreviewer.review.GitRefs;
import com.architectreviewer.review.UrlGuard;
import com.architectreviewer.review.UrlRefused;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Which sources a scan may use. Git URLs pass the engine's {@link UrlGuard} (https and public hosts
 * unless the operator relaxed it). Server paths must resolve (symbolic links followed) inside one
 * of the operator's allowed directories, so {@code ..} and links cannot reach anything else.
 */
@Component
class SourcePolicy {

  private final List<Path> allowed;
  private final UrlGuard guard;

  SourcePolicy(SourcesProperties properties) {
    this.guard =
        new UrlGuard(new UrlGuard.Policy(properties.allowHttp(), properties.allowPrivateHosts()));
    this.allowed =
        properties.allowedPaths().stream().map(p -> p.toAbsolutePath().normalize()).toList();
  }

  void check(ScanSource source) {
    switch (source) {
      case ScanSource.ServerPath path -> resolve(path);
      case ScanSource.GitRepository git -> {
        checkGitUrl(git.url());
        checkRef(git.ref());
      }
      case ScanSource.StoredArchive archive -> {}
    }
  }

  /** The real directory of an allowed server path. */
  Path resolve(ScanSource.ServerPath source) {
    if (allowed.isEmpty()) {
      throw new SourceNotAllowed(
          "Scanning server paths is disabled; the operator enables it with"
              + " reviewer.sources.allowed-paths.");
    }
    Path real;
    try {
      real = Path.of(source.path()).toAbsolutePath().normalize().toRealPath();
    } catch (InvalidPathException | IOException e) {
      throw new SourceNotAllowed("The path '" + source.path() + "' does not exist on the server.");
    }
    for (Path root : allowed) {
      try {
        if (real.startsWith(root.toRealPath()) && Files.isDirectory(real)) {
          return real;
        }
      } catch (IOException e) {
        // an allowed root that does not exist allows nothing
      }
    }
    throw new SourceNotAllowed(
        "The path '" + source.path() + "' is not inside a directory allowed for scans.");
  }

  /** The engine's SSRF guard with the operator's relaxations. */
  UrlGuard urlGuard() {
    return guard;
  }

  private static void checkRef(String ref) {
    String problem = ref == null ? null : GitRefs.problem(ref);
    if (problem != null) {
      throw new SourceNotAllowed("The branch or tag to scan " + problem + ".");
    }
  }

  private void checkGitUrl(String url) {
    try {
      guard.check(url);
    } catch (UrlRefused e) {
      throw new SourceNotAllowed(e.getMessage());
    }
  }
}
