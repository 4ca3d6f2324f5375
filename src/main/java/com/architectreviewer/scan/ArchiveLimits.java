package com.architectreviewer.scan;

/**
 * Limits on uploaded archives.
 *
 * @param maxEntries entries (files, folders) in one archive
 * @param maxUncompressedBytes bytes of all files once extracted
 * @param maxRatio uncompressed / compressed size beyond which an archive counts as a zip bomb, once
 *     more than {@link #RATIO_FLOOR_BYTES} are extracted
 */
record ArchiveLimits(int maxEntries, long maxUncompressedBytes, int maxRatio) {

  static final int DEFAULT_MAX_ENTRIES = 50_000;
  static final long DEFAULT_MAX_UNCOMPRESSED_BYTES = 1024L * 1024 * 1024;
  static final int DEFAULT_MAX_RATIO = 200;

  /** Small archives may compress well (a few repetitive files) without being bombs. */
  static final long RATIO_FLOOR_BYTES = 16L * 1024 * 1024;

  static ArchiveLimits defaults() {
    return new ArchiveLimits(
        DEFAULT_MAX_ENTRIES, DEFAULT_MAX_UNCOMPRESSED_BYTES, DEFAULT_MAX_RATIO);
  }
}
