package com.architectreviewer.portfolio;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where registered repositories may come from ({@code reviewer.sources.*}).
 *
 * @param allowedPaths server-side directories under which {@code {"path": ...}} registrations are
 *     accepted (after resolving {@code ..} and symlinks); empty = path registration is off
 * @param allowPrivateHosts accept git URLs whose host resolves to a loopback, private, link-local
 *     or metadata address (off: such hosts are refused, against SSRF)
 * @param allowHttp accept {@code http://} git URLs besides {@code https://}
 */
@ConfigurationProperties("reviewer.sources")
record SourcesProperties(List<Path> allowedPaths, Boolean allowPrivateHosts, Boolean allowHttp) {

  SourcesProperties {
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
