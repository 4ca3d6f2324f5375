package com.architectreviewer.ai;

import com.architectreviewer.providers.ChatAnswer;
import com.architectreviewer.providers.LlmGateway;
import com.architectreviewer.providers.NoProviderConfigured;
import com.architectreviewer.providers.Provider;
import java.math.BigDecimal;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Explains a finding through the LLM providers: tenant-scoped lookup, cache by (fingerprint,
 * model), daily token budget, then the gateway (with its failover), then usage and cache writes.
 */
@Service
class ExplainFindings {

  private final ScanFindings findings;
  private final ExplanationCache cache;
  private final AiUsage usage;
  private final LlmGateway gateway;
  private final AiProperties properties;

  ExplainFindings(
      ScanFindings findings,
      ExplanationCache cache,
      AiUsage usage,
      LlmGateway gateway,
      AiProperties properties) {
    this.findings = findings;
    this.cache = cache;
    this.usage = usage;
    this.gateway = gateway;
    this.properties = properties;
  }

  Explanation explain(UUID tenantId, FindingId id) {
    FindingContext finding = findings.find(tenantId, id).orElseThrow(FindingNotFound::new);
    var models = gateway.usable().stream().map(Provider::model).distinct().toList();
    if (models.isEmpty()) {
      throw new NoProviderConfigured();
    }
    String key = cacheKey(finding);
    var cached = cache.find(tenantId, key, models);
    if (cached.isPresent()) {
      return explanation(finding, cached.get(), true, usage.usedToday(tenantId));
    }
    long used = usage.usedToday(tenantId);
    if (used >= properties.dailyTokenBudget()) {
      throw new TokenBudgetExhausted(used, properties.dailyTokenBudget(), usage.untilTomorrow());
    }
    ChatAnswer answer =
        gateway.complete(
            ExplainPrompt.of(finding, properties.maxSnippetChars(), properties.maxOutputTokens()));
    usage.record(tenantId, answer);
    cache.store(tenantId, key, answer);
    return explanation(finding, answer, false, used + answer.totalTokens());
  }

  /** The fingerprint; a finding without one is keyed by where it is. */
  private static String cacheKey(FindingContext finding) {
    return finding.fingerprint().isBlank()
        ? finding.rule() + "@" + finding.file() + ":" + finding.line()
        : finding.fingerprint();
  }

  private Explanation explanation(
      FindingContext finding, ChatAnswer answer, boolean cached, long usedToday) {
    var cost =
        cached
            ? new Explanation.Usage(0, 0, BigDecimal.ZERO)
            : new Explanation.Usage(answer.inputTokens(), answer.outputTokens(), answer.cost());
    return new Explanation(
        finding.findingId(),
        finding.rule(),
        answer.text(),
        answer.provider(),
        answer.model(),
        cached,
        cost,
        new Explanation.Budget(usedToday, properties.dailyTokenBudget()));
  }
}
