package com.architectreviewer.ai;

import com.architectreviewer.analytics.NonCriticalWrites;
import com.architectreviewer.providers.ChatAnswer;
import com.architectreviewer.providers.LlmGateway;
import com.architectreviewer.providers.NoProviderConfigured;
import com.architectreviewer.providers.Provider;
import com.architectreviewer.scan.FindingLookup;
import com.architectreviewer.scan.StoredFinding;
import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Explains a finding through the LLM providers: tenant-scoped lookup, cache by (fingerprint,
 * model), daily token budget, then the gateway (with its failover), then usage and cache writes.
 */
@Service
class ExplainFindings {

  /** How many other findings of the scan go into the question as project context. */
  static final int RELATED = 8;

  private final FindingLookup findings;
  private final ExplanationCache cache;
  private final AiUsage usage;
  private final LlmGateway gateway;
  private final AiProperties properties;
  private final NonCriticalWrites analytics;

  ExplainFindings(
      FindingLookup findings,
      ExplanationCache cache,
      AiUsage usage,
      LlmGateway gateway,
      AiProperties properties,
      NonCriticalWrites analytics) {
    this.findings = findings;
    this.cache = cache;
    this.usage = usage;
    this.gateway = gateway;
    this.properties = properties;
    this.analytics = analytics;
  }

  Explanation explain(UUID tenantId, UUID keyId, UUID findingId) {
    StoredFinding finding = findings.find(tenantId, findingId).orElseThrow(FindingNotFound::new);
    var models = gateway.usable().stream().map(Provider::model).distinct().toList();
    if (models.isEmpty()) {
      throw new NoProviderConfigured();
    }
    String key = cacheKey(finding);
    var cached = cache.find(tenantId, key, models);
    if (cached.isPresent()) {
      event(tenantId, keyId, finding, cached.get(), true);
      return explanation(finding, cached.get(), true, usage.usedToday(tenantId));
    }
    long used = usage.usedToday(tenantId);
    if (used >= properties.dailyTokenBudget()) {
      throw new TokenBudgetExhausted(used, properties.dailyTokenBudget(), usage.untilTomorrow());
    }
    ChatAnswer answer =
        gateway.complete(
            ExplainPrompt.of(
                finding,
                findings.sameScan(tenantId, finding, RELATED),
                properties.maxSnippetChars(),
                properties.maxOutputTokens()));
    usage.record(tenantId, answer);
    event(tenantId, keyId, finding, answer, false);
    cache.store(tenantId, key, answer);
    return explanation(finding, answer, false, used + answer.totalTokens());
  }

  /** Usage per tenant and provider as a product event: enqueued, never waited for. */
  private void event(
      UUID tenantId, UUID keyId, StoredFinding finding, ChatAnswer answer, boolean cached) {
    analytics.event(
        tenantId,
        keyId,
        "ai.explained",
        Map.of(
            "rule", finding.rule(),
            "provider", answer.provider(),
            "model", answer.model(),
            "cached", Boolean.toString(cached),
            "inputTokens", Long.toString(cached ? 0 : answer.inputTokens()),
            "outputTokens", Long.toString(cached ? 0 : answer.outputTokens()),
            "cost", cached ? "0" : answer.cost().toPlainString()));
  }

  /** The fingerprint; a finding without one is keyed by where it is. */
  private static String cacheKey(StoredFinding finding) {
    return finding.fingerprint().isBlank()
        ? finding.rule() + "@" + finding.file() + ":" + finding.line()
        : finding.fingerprint();
  }

  private Explanation explanation(
      StoredFinding finding, ChatAnswer answer, boolean cached, long usedToday) {
    var cost =
        cached
            ? new Explanation.Usage(0, 0, BigDecimal.ZERO)
            : new Explanation.Usage(answer.inputTokens(), answer.outputTokens(), answer.cost());
    return new Explanation(
        finding.id().toString(),
        finding.rule(),
        answer.text(),
        answer.provider(),
        answer.model(),
        cached,
        cost,
        new Explanation.Budget(usedToday, properties.dailyTokenBudget()));
  }
}
