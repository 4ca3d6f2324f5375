package com.architectreviewer.portfolio;

import java.util.List;

/**
 * One repository of an ingest, checked and normalised: exactly one of {@code url} and {@code path}.
 */
record IngestItem(String name, String url, String path, String branch, List<String> tags) {

  IngestItem {
    tags = tags == null ? List.of() : List.copyOf(tags);
  }

  /** What two items with the same repository share: the normalised URL, or the real path. */
  String identity() {
    return url != null ? RepositoryUrls.normalise(url) : "path:" + path;
  }
}
