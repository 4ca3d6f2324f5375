package com.architectreviewer.scan;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where scans may take code from ({@code reviewer.sources.*}, the same keys the portfolio uses for
 * registrations; a scan checks them again when it runs).
 *
 * @param allowedPaths server directories that path scans may read (and their sub-directories);
 *     empty (the default) = path scans are refused
 * @param allowPrivateHosts git URLs may point at loopback/private hosts (off: refused, SSRF)
 * @param allowHttp git URLs may be {@code http://} besides {@code https://}
 */
@ConfigurationProperties("reviewer.sources")
record SourcesProperties(List<Path> allowedPaths, Boolean allowPrivateHosts, Boolean allowHttp) {
  SourcesProperties {
    allowedPaths = allowedPaths == null ? List.of() : List.copyOf(allowedPaths);
    allowPrivateHosts = allowPrivateHosts != null && allowPrivateHosts;
    allowHttp = allowHttp != null && allowHttp;
  }
}
