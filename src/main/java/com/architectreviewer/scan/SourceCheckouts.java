package com.architectreviewer.scan;

import com.architectreviewer.jobs.JobCannotSucceed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Puts the code of a scan on local disk: an allowed server path, or an uploaded archive. */
@Component
class SourceCheckouts {

  private final SourcePolicy policy;
  private final ScanStore store;
  private final ArchiveExtractor extractor;

  SourceCheckouts(SourcePolicy policy, ScanStore store, ScanProperties properties) {
    this.policy = policy;
    this.store = store;
    this.extractor = new ArchiveExtractor(properties.archiveLimits());
  }

  Checkout checkout(UUID tenantId, UUID jobId, ScanSource source) {
    return switch (source) {
      case ScanSource.ServerPath path ->
          new Checkout(policy.resolve(path), path.path(), null, null);
      case ScanSource.StoredArchive archive -> extract(tenantId, jobId, archive.archiveId());
      case ScanSource.GitRepository git ->
          throw new JobCannotSucceed(
              "Scanning git URLs needs the review engine's guarded clone, which this server does"
                  + " not have yet.");
    };
  }

  private Checkout extract(UUID tenantId, UUID jobId, UUID archiveId) {
    var archive =
        store
            .archive(tenantId, archiveId)
            .orElseThrow(
                () -> new JobCannotSucceed("The uploaded archive of this scan no longer exists."));
    Path work = createWorkFolder(jobId);
    try {
      Path root = work.resolve("src");
      Files.createDirectory(root);
      extractor.extract(archive.content(), archive.format(), root);
      return new Checkout(root, "upload:" + archiveId, archiveId, work);
    } catch (ArchiveRejected e) {
      Checkout.deleteTree(work);
      throw new JobCannotSucceed(e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      Checkout.deleteTree(work);
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  private static Path createWorkFolder(UUID jobId) {
    try {
      return Files.createTempDirectory("reviewer-scan-" + jobId + "-");
    } catch (IOException e) {
      throw new UncheckedIOException("No working folder for the scan", e);
    }
  }
}
