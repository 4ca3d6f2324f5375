package com.architectreviewer.providers;

import java.time.Duration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Makes one call to one provider, in its API style; no retries, no failover. */
final class ProviderCaller {

  private final ProviderHttp http;
  private final ObjectMapper json;
  private final Duration timeout;

  ProviderCaller(ProviderHttp http, ObjectMapper json, Duration timeout) {
    this.http = http;
    this.json = json;
    this.timeout = timeout;
  }

  ChatAnswer call(Provider provider, String apiKey, ChatRequest request) {
    var dialect = ProviderDialect.of(provider.apiStyle());
    int maxTokens = Math.min(request.maxOutputTokens(), provider.maxOutputTokens());
    String body = json.writeValueAsString(dialect.body(json, provider, request, maxTokens));
    String answer =
        http.post(
            provider.name(), dialect.endpoint(provider), dialect.headers(apiKey), body, timeout);
    JsonNode tree;
    try {
      tree = json.readTree(answer);
    } catch (JacksonException e) {
      throw new ProviderCallFailed(
          provider.name(), ProviderCallFailed.Kind.MALFORMED, "answer is not JSON");
    }
    var parsed = dialect.parse(provider, tree);
    return new ChatAnswer(
        parsed.text(),
        provider.name(),
        provider.model(),
        parsed.inputTokens(),
        parsed.outputTokens(),
        provider.cost(parsed.inputTokens(), parsed.outputTokens()));
  }
}
