package com.architectreviewer.portfolio;

import com.architectreviewer.review.GitRefs;
import com.architectreviewer.review.UrlGuard;
import com.architectreviewer.review.UrlRefused;
import com.architectreviewer.scan.SourcesProperties;
import com.architectreviewer.security.InvalidInput;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Checks where a repository comes from before it is registered: git URLs must be https (http only
 * when allowed), carry no credentials, and name a host that resolves to public addresses only;
 * server-side paths must be existing directories under {@code reviewer.sources.allowed-paths} once
 * {@code ..} and symlinks are resolved.
 */
@Component
class RepositorySources {

  /** A checked source: exactly one of url and path is set, normalised; branch only with a url. */
  record Source(String url, String path, String branch) {}

  private final SourcesProperties properties;
  private final UrlGuard guard;

  @Autowired
  RepositorySources(SourcesProperties properties) {
    this(properties, InetAddress::getAllByName);
  }

  RepositorySources(SourcesProperties properties, UrlGuard.Resolver resolver) {
    this.properties = properties;
    this.guard =
        new UrlGuard(
            new UrlGuard.Policy(properties.allowHttp(), properties.allowPrivateHosts()), resolver);
  }

  Source check(RegisterRepository request) {
    boolean hasUrl = request.url() != null;
    boolean hasPath = request.path() != null;
    if (hasUrl == hasPath) {
      throw new InvalidInput("body", "give exactly one of 'url' and 'path'");
    }
    if (request.branch() != null) {
      if (!hasUrl) {
        throw new InvalidInput("branch", "applies to git URLs only");
      }
      checkRef("branch", request.branch());
    }
    return hasUrl
        ? new Source(checkUrl(request.url()), null, request.branch())
        : new Source(null, checkPath(request.path()), null);
  }

  /** A branch or tag name by git's check-ref-format rules (400 naming the field otherwise). */
  static void checkRef(String field, String ref) {
    String problem = GitRefs.problem(ref);
    if (problem != null) {
      throw new InvalidInput(field, problem);
    }
  }

  String checkUrl(String raw) {
    URI uri;
    try {
      uri = new URI(raw);
    } catch (URISyntaxException e) {
      throw invalidUrl("is not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !(scheme.equals("http") && properties.allowHttp())) {
      throw invalidUrl(properties.allowHttp() ? "must be an http(s) URL" : "must be an https URL");
    }
    if (uri.getRawUserInfo() != null) {
      throw invalidUrl("must not contain credentials; register a public URL");
    }
    try {
      return UrlGuard.display(guard.check(raw).uri().normalize());
    } catch (UrlRefused e) {
      throw invalidUrl(clientMessage(e));
    }
  }

  /** The guard's reason without the resolved address or CLI flags: enough for the client. */
  private static String clientMessage(UrlRefused e) {
    String reason =
        e.getMessage()
            .replaceAll("resolves to \\S+ \\(", "resolves to a non-public address (")
            .replaceAll(";? ?\\(--[a-z-]+ to allow\\)", "")
            .strip();
    return "is refused: " + reason;
  }

  String checkPath(String raw) {
    if (properties.allowedPaths().isEmpty()) {
      throw new InvalidInput(
          "path", "server-side paths are not enabled on this server; register a git URL");
    }
    Path real;
    try {
      Path path = Path.of(raw);
      if (!path.isAbsolute()) {
        throw new InvalidInput("path", "must be an absolute path");
      }
      real = path.toRealPath();
    } catch (InvalidPathException | IOException e) {
      throw new InvalidInput("path", "is not an existing directory under the allowed paths");
    }
    if (!Files.isDirectory(real) || !underAllowedRoot(real)) {
      throw new InvalidInput("path", "is not an existing directory under the allowed paths");
    }
    return real.toString();
  }

  private boolean underAllowedRoot(Path real) {
    for (Path root : properties.allowedPaths()) {
      try {
        if (real.startsWith(root.toRealPath())) {
          return true;
        }
      } catch (IOException e) {
        // A configured root that does not exist allows nothing.
      }
    }
    return false;
  }

  private static InvalidInput invalidUrl(String message) {
    return new InvalidInput("url", message);
  }
}
