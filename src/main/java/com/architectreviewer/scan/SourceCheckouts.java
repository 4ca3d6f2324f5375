package com.architectreviewer.scan;

import com.architectreviewer.jobs.JobCannotSucceed;
import com.architectreviewer.review.CloneFailed;
import com.architectreviewer.review.RemoteSource;
import com.architectreviewer.review.UrlGuard;
import com.architectreviewer.review.UrlRefused;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Puts the code of a scan on local disk: an allowed server path, a git clone, or an upload. */
@Component
class SourceCheckouts {

  private final SourcePolicy policy;
  private final ScanStore store;
  private final ArchiveExtractor extractor;

  SourceCheckouts(SourcePolicy policy, ScanStore store, ScanProperties properties) {
    this.policy = policy;
    this.store = store;
    this.extractor = new ArchiveExtractor(properties.archiveLimits());
    WorkFolders.removeOrphans(Path.of(System.getProperty("java.io.tmpdir")));
  }

  Checkout checkout(UUID tenantId, UUID jobId, ScanSource source) {
    return switch (source) {
      case ScanSource.ServerPath path -> Checkout.inPlace(policy.resolve(path), path.path());
      case ScanSource.StoredArchive archive -> extract(tenantId, jobId, archive.archiveId());
      case ScanSource.GitRepository git -> clone(git);
    };
  }

  /**
   * Shallow clone of the default branch, or of the source's branch or tag, through the engine's
   * {@link UrlGuard} (SSRF). Refused URLs and clones that cannot succeed (missing repository,
   * authentication required, unknown ref, size limit) fail the job at once with the engine's
   * message, which never carries credentials; transient failures (connection reset or refused,
   * timeout, 5xx or 429 from the git host) fail the attempt, so the job is retried with backoff.
   */
  private Checkout clone(ScanSource.GitRepository git) {
    try {
      var remote =
          new RemoteSource(policy.urlGuard(), RemoteSource.Limits.defaults())
              .fetch(git.url(), git.ref());
      return new Checkout(remote.dir(), remote.display(), null, remote::close);
    } catch (UrlRefused e) {
      throw new JobCannotSucceed(e.getMessage(), e);
    } catch (CloneFailed e) {
      if (e.retryable()) {
        throw new SourceUnavailable(e.getMessage(), e);
      }
      throw new JobCannotSucceed(e.getMessage(), e);
    }
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
      return Checkout.extracted(root, "upload:" + archiveId, archiveId, work);
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
      return Files.createTempDirectory(
          WorkFolders.SCAN_PREFIX + ProcessHandle.current().pid() + "-" + jobId + "-");
    } catch (IOException e) {
      throw new UncheckedIOException("No working folder for the scan", e);
    }
  }
}
