package com.architectreviewer.portfolio;

import com.architectreviewer.jobs.JobAccepted;
import com.architectreviewer.scan.ScanRequests;
import com.architectreviewer.scan.ScanSource;
import com.architectreviewer.security.Caller;
import com.architectreviewer.security.InvalidInput;
import com.architectreviewer.security.ResourceNotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/repositories/{id}/scans}: enqueues a scan job of a registered repository and
 * answers 202 with the job's location. {@code Idempotency-Key}: same key and body, same job; same
 * key and another body, 422.
 */
@RestController
@Tag(name = "Repositories")
class RepositoryScanController {

  private final Repositories repositories;
  private final ScanRequests scans;

  RepositoryScanController(Repositories repositories, ScanRequests scans) {
    this.repositories = repositories;
    this.scans = scans;
  }

  /** The answer: the job to follow. */
  record ScanAccepted(UUID jobId, String jobUrl, boolean created) {}

  @PostMapping(
      path = "/api/v1/repositories/{id}/scans",
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Scan a registered repository (202 + Location of the job)")
  ResponseEntity<ScanAccepted> scan(
      @Parameter(hidden = true) Caller caller,
      @PathVariable("id") UUID id,
      @RequestHeader(name = "Idempotency-Key", required = false)
          @Size(min = 1, max = 200)
          @Pattern(regexp = "[\\x21-\\x7E]+", message = "must be 1-200 visible ASCII characters")
          String idempotencyKey,
      @Valid @RequestBody(required = false) ScanRepository body) {
    ScanRepository request = body == null ? ScanRepository.DEFAULT : body;
    RepositoryView repository =
        repositories
            .find(caller.tenantId(), id)
            .orElseThrow(() -> new ResourceNotFound("Repository"));
    if (request.ref() != null) {
      if (repository.url() == null) {
        throw new InvalidInput("ref", "applies to git repositories only");
      }
      RepositorySources.checkRef("ref", request.ref());
    }
    ScanSource source =
        repository.url() != null
            ? new ScanSource.GitRepository(
                repository.url(), request.ref() != null ? request.ref() : repository.branch())
            : new ScanSource.ServerPath(repository.path());
    JobAccepted job =
        scans.request(caller.tenantId(), id, source, idempotencyKey, requestHash(id, request));
    return ResponseEntity.accepted()
        .location(URI.create(job.location()))
        .body(new ScanAccepted(job.jobId(), job.location(), job.created()));
  }

  /** Same repository and same body, same hash: what the idempotency key is compared against. */
  static String requestHash(UUID repositoryId, ScanRepository request) {
    String canonical = repositoryId + "\n" + (request.ref() == null ? "" : request.ref());
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
