package com.architectreviewer.portfolio;

import java.time.Instant;
import java.util.UUID;

/**
 * A registered repository as the API shows it. {@code branch} is the branch or tag its scans use
 * when they name none (null: the remote's default branch). {@code latestScan} is the summary of its
 * newest scan, or null before the first one.
 */
record RepositoryView(
    UUID id,
    String name,
    String url,
    String path,
    String branch,
    Instant createdAt,
    LatestScan latestScan) {

  RepositoryView withLatestScan(LatestScan summary) {
    return new RepositoryView(id, name, url, path, branch, createdAt, summary);
  }
}
