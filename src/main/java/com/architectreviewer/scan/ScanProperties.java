package com.architectreviewer.scan;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of scans ({@code reviewer.scan.*}).
 *
 * @param maxUploadSize largest archive accepted by {@code POST /api/v1/scans}
 * @param maxArchiveEntries entries in one archive
 * @param maxUncompressedSize bytes of an archive once extracted
 * @param maxCompressionRatio extracted / uploaded size beyond which an archive is a zip bomb
 * @param engineThreads threads of the review engine per scan
 * @param archiveRetention how long the uploaded archive of a failed or cancelled scan job is kept
 *     for a retry, counted from the job's end; an archive without a job (its request failed after
 *     storing it) is deleted this long after the upload. The archive of a job that succeeds goes at
 *     once; archives of queued or running jobs always stay
 * @param archiveSweepInterval how often a worker looks for archives past the retention
 */
@ConfigurationProperties("reviewer.scan")
record ScanProperties(
    DataSize maxUploadSize,
    Integer maxArchiveEntries,
    DataSize maxUncompressedSize,
    Integer maxCompressionRatio,
    Integer engineThreads,
    Duration archiveRetention,
    Duration archiveSweepInterval) {

  static final DataSize DEFAULT_MAX_UPLOAD_SIZE = DataSize.ofMegabytes(100);
  static final int DEFAULT_ENGINE_THREADS = 2;
  static final Duration DEFAULT_ARCHIVE_RETENTION = Duration.ofHours(24);
  static final Duration DEFAULT_ARCHIVE_SWEEP_INTERVAL = Duration.ofMinutes(10);

  ScanProperties {
    maxUploadSize = maxUploadSize == null ? DEFAULT_MAX_UPLOAD_SIZE : maxUploadSize;
    maxArchiveEntries =
        maxArchiveEntries == null ? ArchiveLimits.DEFAULT_MAX_ENTRIES : maxArchiveEntries;
    maxUncompressedSize =
        maxUncompressedSize == null
            ? DataSize.ofBytes(ArchiveLimits.DEFAULT_MAX_UNCOMPRESSED_BYTES)
            : maxUncompressedSize;
    maxCompressionRatio =
        maxCompressionRatio == null ? ArchiveLimits.DEFAULT_MAX_RATIO : maxCompressionRatio;
    engineThreads = engineThreads == null ? DEFAULT_ENGINE_THREADS : engineThreads;
    archiveRetention = archiveRetention == null ? DEFAULT_ARCHIVE_RETENTION : archiveRetention;
    archiveSweepInterval =
        archiveSweepInterval == null ? DEFAULT_ARCHIVE_SWEEP_INTERVAL : archiveSweepInterval;
    if (archiveRetention.isNegative() || !archiveSweepInterval.isPositive()) {
      throw new IllegalArgumentException(
          "reviewer.scan.archive-retention must not be negative and"
              + " reviewer.scan.archive-sweep-interval must be positive");
    }
    if (maxArchiveEntries < 1 || maxCompressionRatio < 2 || engineThreads < 1) {
      throw new IllegalArgumentException(
          "reviewer.scan.max-archive-entries and reviewer.scan.engine-threads must be at least 1,"
              + " reviewer.scan.max-compression-ratio at least 2");
    }
  }

  ArchiveLimits archiveLimits() {
    return new ArchiveLimits(maxArchiveEntries, maxUncompressedSize.toBytes(), maxCompressionRatio);
  }
}
