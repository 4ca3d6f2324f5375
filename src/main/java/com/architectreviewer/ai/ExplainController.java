package com.architectreviewer.ai;

import com.architectreviewer.security.Caller;
import com.architectreviewer.security.InvalidInput;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/findings/{id}/explain}: the AI route. The strict AI rate limit is applied by
 * the security module's limiter (it lists this route); the daily token budget here.
 */
@RestController
@Tag(name = "AI", description = "Explanations of findings through the LLM providers")
class ExplainController {

  private static final Pattern UUID_TEXT =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final ExplainFindings explainer;

  ExplainController(ExplainFindings explainer) {
    this.explainer = explainer;
  }

  @Operation(
      summary =
          "Explain a finding and propose a fix (cached per fingerprint and model; daily token"
              + " budget; 429 quota-exceeded beyond it; 503 when no provider is configured)")
  @PostMapping("/api/v1/findings/{id}/explain")
  Explanation explain(
      @Parameter(hidden = true) Caller caller,
      @Parameter(description = "the finding's id, as listed by GET /api/v1/scans/{id}/findings")
          @PathVariable
          String id) {
    if (id == null || !UUID_TEXT.matcher(id).matches()) {
      throw new InvalidInput(
          "id", "must be a finding id (a UUID) as listed by GET /api/v1/scans/{id}/findings");
    }
    return explainer.explain(caller.tenantId(), caller.keyId(), UUID.fromString(id));
  }
}
