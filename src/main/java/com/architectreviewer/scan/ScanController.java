package com.architectreviewer.scan;

import com.architectreviewer.jobs.Jobs;
import com.architectreviewer.review.ReportFormats;
import com.architectreviewer.review.Severity;
import com.architectreviewer.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** {@code /api/v1/scans}: archive uploads, scan summaries, findings and SARIF. */
@RestController
@Tag(name = "scans", description = "Archive scans, scan summaries, findings and SARIF")
@RequestMapping("/api/v1/scans")
class ScanController {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 200;

  private final ScanUploads uploads;
  private final ScanQueries queries;
  private final Jobs jobs;

  ScanController(ScanUploads uploads, ScanQueries queries, Jobs jobs) {
    this.uploads = uploads;
    this.queries = queries;
    this.jobs = jobs;
  }

  @Operation(
      summary =
          "Scan an uploaded zip or tar.gz archive (multipart field 'file'; Idempotency-Key honoured): 202 + Location of the job")
  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<Map<String, Object>> upload(
      Caller caller,
      @RequestPart("file") MultipartFile file,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey)
      throws IOException {
    if (idempotencyKey != null
        && (idempotencyKey.isBlank()
            || idempotencyKey.length() > 200
            || !idempotencyKey.chars().allMatch(c -> c > 32 && c < 127))) {
      throw new InvalidScanQuery(
          "Idempotency-Key must be 1 to 200 visible ASCII characters without spaces.");
    }
    if (file.getSize() > uploads.maxUploadBytes()) {
      throw new UploadTooLarge(uploads.maxUploadBytes());
    }
    if (file.isEmpty()) {
      throw new ArchiveRejected("The uploaded file is empty.");
    }
    var accepted =
        uploads.accept(
            caller.tenantId(), file.getOriginalFilename(), file.getBytes(), idempotencyKey);
    var job = jobs.find(caller.tenantId(), accepted.jobId()).orElseThrow();
    var body = new LinkedHashMap<String, Object>();
    body.put("id", job.id());
    body.put("kind", job.kind());
    body.put("state", job.state().value());
    body.put("progress", job.progress());
    body.put("stage", job.stage());
    body.put("attempts", job.attempts());
    body.put("error", job.error());
    body.put("resultUrl", job.resultRef());
    return ResponseEntity.accepted().location(URI.create(accepted.location())).body(body);
  }

  @Operation(summary = "Scan summary: counts by severity, score (0-100), duration")
  @GetMapping("/{id}")
  ScanQueries.Summary summary(Caller caller, @PathVariable UUID id) {
    return queries.summary(caller.tenantId(), id).orElseThrow(() -> new ScanNotFound(id));
  }

  @Operation(summary = "The scan as SARIF 2.1.0")
  @GetMapping(path = "/{id}/sarif", produces = ReportFormats.SARIF_MEDIA_TYPE)
  ResponseEntity<String> sarif(Caller caller, @PathVariable UUID id) {
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(ReportFormats.SARIF_MEDIA_TYPE))
        .body(queries.sarif(caller.tenantId(), id).orElseThrow(() -> new ScanNotFound(id)));
  }

  /** A page of findings; {@code nextCursor} is null on the last page. */
  record FindingsPage(List<ScanQueries.FindingRow> items, String nextCursor) {}

  @Operation(
      summary =
          "Findings, filtered by severity (comma-separated), rule and path prefix; cursor pagination")
  @GetMapping("/{id}/findings")
  FindingsPage findings(
      Caller caller,
      @PathVariable UUID id,
      @RequestParam(required = false) String severity,
      @RequestParam(required = false) String rule,
      @RequestParam(required = false) String path,
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit) {
    queries.summary(caller.tenantId(), id).orElseThrow(() -> new ScanNotFound(id));
    int size = limit == null ? DEFAULT_LIMIT : limit;
    if (size < 1 || size > MAX_LIMIT) {
      throw new InvalidScanQuery("limit must be between 1 and " + MAX_LIMIT + ".");
    }
    checkLength("rule", rule, 100);
    checkLength("path", path, 1000);
    var rows =
        queries.findings(
            caller.tenantId(), id, decode(cursor), severities(severity), rule, path, size + 1);
    boolean more = rows.size() > size;
    var page = more ? rows.subList(0, size) : rows;
    return new FindingsPage(List.copyOf(page), more ? encode(page.getLast().position()) : null);
  }

  private static String severities(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    var ids = new ArrayList<String>();
    for (String part : value.split(",")) {
      try {
        ids.add(Severity.parse(part).id());
      } catch (IllegalArgumentException e) {
        throw new InvalidScanQuery(e.getMessage() + ".");
      }
    }
    return String.join(",", ids);
  }

  private static void checkLength(String name, String value, int max) {
    if (value != null && (value.isEmpty() || value.length() > max)) {
      throw new InvalidScanQuery(name + " must be 1 to " + max + " characters.");
    }
  }

  static String encode(int position) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("p" + position).getBytes(StandardCharsets.US_ASCII));
  }

  static int decode(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return -1;
    }
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
      if (!text.startsWith("p")) {
        throw new IllegalArgumentException();
      }
      int position = Integer.parseInt(text.substring(1));
      if (position < 0) {
        throw new IllegalArgumentException();
      }
      return position;
    } catch (IllegalArgumentException e) {
      throw new InvalidScanQuery("cursor is not a cursor returned by this API.");
    }
  }
}
