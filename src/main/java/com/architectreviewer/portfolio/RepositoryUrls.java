package com.architectreviewer.portfolio;

import java.net.URI;
import java.util.Locale;

/** Git URLs compared as the same repository however they are spelt. */
final class RepositoryUrls {

  private RepositoryUrls() {}

  /**
   * {@code HTTPS://GitHub.com:443/Acme/App.git/} and {@code https://github.com/Acme/App} are one
   * repository: scheme and host lower-cased, default port, trailing {@code /} and {@code .git}
   * dropped. The path keeps its case (hosts differ on that).
   */
  static String normalise(String url) {
    URI uri = URI.create(url).normalize();
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    int port = uri.getPort();
    boolean defaultPort =
        port < 0
            || (scheme.equals("https") && port == 443)
            || (scheme.equals("http") && port == 80);
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.endsWith(".git")) {
      path = path.substring(0, path.length() - 4);
    }
    return scheme + "://" + host + (defaultPort ? "" : ":" + port) + path;
  }

  /** A repository name from its URL: the last two path segments ({@code acme/app}). */
  static String nameOf(String url) {
    String normal = normalise(url);
    String path = normal.substring(normal.indexOf("://") + 3);
    int slash = path.indexOf('/');
    path = slash < 0 ? path : path.substring(slash + 1);
    String[] parts = path.split("/");
    String name =
        parts.length >= 2 ? parts[parts.length - 2] + "/" + parts[parts.length - 1] : parts[0];
    name = name.replaceAll("[^A-Za-z0-9._/-]", "-").replaceAll("^[^A-Za-z0-9]+", "");
    return name.isEmpty() ? "repository" : name.substring(0, Math.min(100, name.length()));
  }
}
