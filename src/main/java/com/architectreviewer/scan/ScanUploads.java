package com.architectreviewer.scan;

import com.architectreviewer.jobs.JobAccepted;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accepts an uploaded archive: checks it completely (nothing written), stores it in the database so
 * a worker in any process can scan it, and enqueues the scan job in the same transaction.
 */
@Service
class ScanUploads {

  private final ScanStore store;
  private final ScanRequests requests;
  private final ArchiveExtractor extractor;
  private final long maxUploadBytes;
  private final Clock clock;

  ScanUploads(
      ScanStore store,
      ScanRequests requests,
      ScanProperties properties,
      ObjectProvider<Clock> clock) {
    this.store = store;
    this.requests = requests;
    this.extractor = new ArchiveExtractor(properties.archiveLimits());
    this.maxUploadBytes = properties.maxUploadSize().toBytes();
    this.clock = clock.getIfUnique(Clock::systemUTC);
  }

  long maxUploadBytes() {
    return maxUploadBytes;
  }

  @Transactional
  JobAccepted accept(UUID tenantId, String fileName, byte[] content, String idempotencyKey) {
    var format = ArchiveFormat.detect(content);
    extractor.check(content, format);
    UUID archiveId = UUID.randomUUID();
    store.saveArchive(
        archiveId, tenantId, safeFileName(fileName), format, content, clock.instant());
    var accepted =
        requests.request(
            tenantId,
            null,
            new ScanSource.StoredArchive(archiveId),
            idempotencyKey,
            idempotencyKey == null ? null : sha256(content));
    if (accepted.created()) {
      store.linkArchive(tenantId, archiveId, accepted.jobId());
    } else {
      store.deleteArchive(archiveId);
    }
    return accepted;
  }

  private static String safeFileName(String name) {
    if (name == null || name.isBlank()) {
      return "upload";
    }
    String base = name.replace('\\', '/');
    base = base.substring(base.lastIndexOf('/') + 1);
    return base.length() > 200 ? base.substring(0, 200) : base;
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
