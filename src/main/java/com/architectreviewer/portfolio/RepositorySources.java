package com.architectreviewer.portfolio;

import com.architectreviewer.security.InvalidInput;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Checks where a repository comes from before it is registered: git URLs must be https (http only
 * when allowed), carry no credentials, and name a host that resolves to public addresses only;
 * server-side paths must be existing directories under {@code reviewer.sources.allowed-paths} once
 * {@code ..} and symlinks are resolved.
 */
@Component
class RepositorySources {

  /** A checked source: exactly one of the two is set, normalised. */
  record Source(String url, String path) {}

  private final SourcesProperties properties;
  private final HostResolver resolver;

  @org.springframework.beans.factory.annotation.Autowired
  RepositorySources(SourcesProperties properties) {
    this(properties, InetAddress::getAllByName);
  }

  RepositorySources(SourcesProperties properties, HostResolver resolver) {
    this.properties = properties;
    this.resolver = resolver;
  }

  /** Name resolution; a seam so that unit tests can pin addresses without DNS. */
  interface HostResolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  Source check(RegisterRepository request) {
    boolean hasUrl = request.url() != null;
    boolean hasPath = request.path() != null;
    if (hasUrl == hasPath) {
      throw new InvalidInput("body", "give exactly one of 'url' and 'path'");
    }
    return hasUrl
        ? new Source(checkUrl(request.url()), null)
        : new Source(null, checkPath(request.path()));
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
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw invalidUrl("must name a host");
    }
    if (!properties.allowPrivateHosts()) {
      requirePublic(host);
    }
    return uri.normalize().toString();
  }

  private void requirePublic(String host) {
    InetAddress[] addresses;
    try {
      addresses =
          resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
    } catch (UnknownHostException e) {
      throw invalidUrl("names a host that does not resolve");
    }
    for (InetAddress address : addresses) {
      if (!PublicAddresses.isPublic(address)) {
        throw invalidUrl(
            "resolves to a loopback, private, link-local or metadata address, which is refused");
      }
    }
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
