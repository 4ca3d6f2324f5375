package com.architectreviewer.ai;

import com.architectreviewer.security.Caller;
import com.architectreviewer.security.InvalidInput;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/findings/{id}/explain}: the AI route. The strict AI rate limit is applied by
 * the security module's limiter (it lists this route); the daily token budget here.
 */
@RestController
class ExplainController {

  private final ExplainFindings explainer;

  ExplainController(ExplainFindings explainer) {
    this.explainer = explainer;
  }

  @PostMapping("/api/v1/findings/{id}/explain")
  Explanation explain(Caller caller, @PathVariable String id) {
    FindingId findingId = FindingId.parse(id);
    if (findingId == null) {
      throw new InvalidInput(
          "id",
          "must be a finding id '<scanId>:<position>' as listed by GET /api/v1/scans/{id}/findings");
    }
    return explainer.explain(caller.tenantId(), caller.keyId(), findingId);
  }
}
