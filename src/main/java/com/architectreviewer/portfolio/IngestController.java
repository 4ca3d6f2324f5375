package com.architectreviewer.portfolio;

import com.architectreviewer.jobs.JobAccepted;
import com.architectreviewer.jobs.JobView;
import com.architectreviewer.jobs.Jobs;
import com.architectreviewer.jobs.NewJob;
import com.architectreviewer.security.Caller;
import com.architectreviewer.security.InvalidField;
import com.architectreviewer.security.InvalidInput;
import com.architectreviewer.security.ResourceNotFound;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code POST /api/v1/portfolio/ingest} (JSON or YAML manifest) → 202 + the ingest job; {@code GET
 * /api/v1/portfolio/ingests/{jobId}} → each repository's outcome, with its scan job's live state,
 * progress and stage.
 */
@RestController
class IngestController {

  private static final YAMLMapper YAML =
      YAMLMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  private final IngestPlanner planner;
  private final Jobs jobs;
  private final IngestStore store;
  private final ObjectMapper json;
  private final Validator validator;

  IngestController(
      IngestPlanner planner, Jobs jobs, IngestStore store, ObjectMapper json, Validator validator) {
    this.planner = planner;
    this.jobs = jobs;
    this.store = store;
    this.json = json;
    this.validator = validator;
  }

  @PostMapping(path = "/api/v1/portfolio/ingest", consumes = "application/json")
  ResponseEntity<Map<String, Object>> ingestJson(
      Caller caller,
      @Valid @RequestBody IngestRequest request,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
    return accept(caller, request, idempotencyKey);
  }

  @PostMapping(
      path = "/api/v1/portfolio/ingest",
      consumes = {"application/yaml", "application/x-yaml", "text/yaml"})
  ResponseEntity<Map<String, Object>> ingestYaml(
      Caller caller,
      @RequestBody String manifest,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
    IngestRequest request;
    try {
      request = YAML.readValue(manifest, IngestRequest.class);
    } catch (JacksonException e) {
      throw new InvalidInput(
          "body",
          "is not a valid manifest: " + e.getOriginalMessage().lines().findFirst().orElse(""));
    }
    if (request == null) {
      throw new InvalidInput("body", "is empty");
    }
    var violations = validator.validate(request);
    if (!violations.isEmpty()) {
      throw new InvalidInput(
          violations.stream()
              .map(v -> new InvalidField(v.getPropertyPath().toString(), v.getMessage()))
              .sorted(java.util.Comparator.comparing(InvalidField::field))
              .toList());
    }
    return accept(caller, request, idempotencyKey);
  }

  @GetMapping("/api/v1/portfolio/ingests/{jobId}")
  Map<String, Object> outcome(Caller caller, @PathVariable UUID jobId) {
    var job = jobs.find(caller.tenantId(), jobId).filter(j -> IngestJob.KIND.equals(j.kind()));
    if (job.isEmpty()) {
      throw new ResourceNotFound("Ingest");
    }
    List<IngestProgress> outcomes =
        store.find(caller.tenantId(), jobId).orElse(List.of()).stream()
            .map(o -> IngestProgress.of(o, live(caller, o)))
            .toList();
    return Map.of(
        "jobId",
        jobId,
        "state",
        job.get().state().value(),
        "progress",
        job.get().progress(),
        "repositories",
        outcomes);
  }

  /** The child scan job as it is now (the stored outcome may be older), or null when none. */
  private JobView live(Caller caller, IngestOutcome outcome) {
    return outcome.scanJobId() == null
        ? null
        : jobs.find(caller.tenantId(), outcome.scanJobId()).orElse(null);
  }

  ResponseEntity<Map<String, Object>> accept(
      Caller caller, IngestRequest request, String idempotencyKey) {
    if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
      throw new InvalidInput("Idempotency-Key", "must be 1 to 200 characters");
    }
    List<IngestItem> items = planner.plan(request);
    String payload = json.writeValueAsString(items);
    JobAccepted accepted =
        jobs.enqueue(
            new NewJob(
                caller.tenantId(),
                IngestJob.KIND,
                payload,
                idempotencyKey,
                idempotencyKey == null ? null : sha256(payload),
                0,
                null));
    return ResponseEntity.accepted()
        .location(URI.create(accepted.location()))
        .body(
            Map.of(
                "id",
                accepted.jobId(),
                "kind",
                IngestJob.KIND,
                "repositories",
                items.size(),
                "result",
                "/api/v1/portfolio/ingests/" + accepted.jobId()));
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
