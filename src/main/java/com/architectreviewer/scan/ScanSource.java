package com.architectreviewer.scan;

import java.util.Objects;
import java.util.UUID;

/** Where the code of a scan comes from. */
public sealed interface ScanSource {

  /** A git repository, cloned through the engine's URL guard; {@code ref} null = default branch. */
  record GitRepository(String url, String ref) implements ScanSource {
    public GitRepository {
      Objects.requireNonNull(url, "url");
    }
  }

  /**
   * A directory on the server, allowed by the operator in {@code reviewer.sources.allowed-paths}.
   */
  record ServerPath(String path) implements ScanSource {
    public ServerPath {
      Objects.requireNonNull(path, "path");
    }
  }

  /**
   * An archive uploaded with {@code POST /api/v1/scans}, stored until its job succeeds (or, after a
   * failure or cancellation, for {@code reviewer.scan.archive-retention}, so a retry can scan it).
   */
  record StoredArchive(UUID archiveId) implements ScanSource {
    public StoredArchive {
      Objects.requireNonNull(archiveId, "archiveId");
    }
  }
}
