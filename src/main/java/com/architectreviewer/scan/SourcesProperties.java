package com.architectreviewer.scan;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where scans may take code from ({@code reviewer.sources.*}).
 *
 * @param allowedPaths server directories that path scans may read (and their sub-directories);
 *     empty (the default) = path scans are refused
 */
@ConfigurationProperties("reviewer.sources")
record SourcesProperties(List<Path> allowedPaths) {
  SourcesProperties {
    allowedPaths = allowedPaths == null ? List.of() : List.copyOf(allowedPaths);
  }
}
