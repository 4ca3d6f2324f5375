package com.architectreviewer.scan;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where code may come from ({@code reviewer.sources.*}): the portfolio checks registrations against
 * these settings, and a scan checks them again when it runs. One record, so both always read the
 * same values.
 *
 * @param allowedPaths server directories that path scans may read (and their sub-directories);
 *     empty (the default) = path scans are refused
 * @param allowPrivateHosts git URLs may point at loopback/private hosts (off: refused, SSRF)
 * @param allowHttp git URLs may be {@code http://} besides {@code https://}
 */
@ConfigurationProperties("reviewer.sources")
public record SourcesProperties(
    List<Path> allowedPaths, Boolean allowPrivateHosts, Boolean allowHttp) {

  public SourcesProperties {
    allowedPaths = allowedPaths == null ? List.of() : List.copyOf(allowedPaths);
    allowPrivateHosts = allowPrivateHosts != null && allowPrivateHosts;
    allowHttp = allowHttp != null && allowHttp;
    for (Path path : allowedPaths) {
      if (!path.isAbsolute()) {
        throw new IllegalArgumentException(
            "reviewer.sources.allowed-paths must list absolute directories; '"
                + path
                + "' is relative");
      }
    }
  }
}
