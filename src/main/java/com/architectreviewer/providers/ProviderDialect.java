package com.architectreviewer.providers;

import java.net.URI;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** How one API style asks and answers: the URL, the headers, the request and response bodies. */
sealed interface ProviderDialect {

  URI endpoint(Provider provider);

  Map<String, String> headers(String apiKey);

  ObjectNode body(ObjectMapper json, Provider provider, ChatRequest request, int maxTokens);

  /** Text and token counts; throws {@link ProviderCallFailed} MALFORMED when they are missing. */
  Parsed parse(Provider provider, JsonNode answer);

  record Parsed(String text, long inputTokens, long outputTokens) {}

  static ProviderDialect of(ApiStyle style) {
    return switch (style) {
      case OPENAI_CHAT -> new OpenAiChat();
      case ANTHROPIC_MESSAGES -> new AnthropicMessages();
    };
  }

  private static URI join(URI base, String path) {
    String text = base.toString();
    return URI.create((text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + path);
  }

  private static ProviderCallFailed malformed(Provider provider, String what) {
    return new ProviderCallFailed(provider.name(), ProviderCallFailed.Kind.MALFORMED, what);
  }

  private static long tokens(Provider provider, JsonNode node) {
    if (!node.isIntegralNumber() || node.asLong() < 0) {
      throw malformed(provider, "token counts missing");
    }
    return node.asLong();
  }

  /** OpenAI-compatible chat completions (OpenAI, Azure-style gateways, vLLM, Ollama...). */
  record OpenAiChat() implements ProviderDialect {
    @Override
    public URI endpoint(Provider provider) {
      return join(provider.baseUrl(), "/chat/completions");
    }

    @Override
    public Map<String, String> headers(String apiKey) {
      return apiKey == null ? Map.of() : Map.of("Authorization", "Bearer " + apiKey);
    }

    @Override
    public ObjectNode body(ObjectMapper json, Provider provider, ChatRequest request, int max) {
      ObjectNode body = json.createObjectNode();
      body.put("model", provider.model());
      body.put("max_tokens", max);
      body.put("temperature", 0);
      var messages = body.putArray("messages");
      messages.addObject().put("role", "system").put("content", request.system());
      messages.addObject().put("role", "user").put("content", request.user());
      return body;
    }

    @Override
    public Parsed parse(Provider provider, JsonNode answer) {
      JsonNode content = answer.path("choices").path(0).path("message").path("content");
      if (!content.isString()) {
        throw malformed(provider, "no choices[0].message.content");
      }
      JsonNode usage = answer.path("usage");
      return new Parsed(
          content.stringValue(),
          tokens(provider, usage.path("prompt_tokens")),
          tokens(provider, usage.path("completion_tokens")));
    }
  }

  /** Anthropic messages API. */
  record AnthropicMessages() implements ProviderDialect {
    static final String VERSION = "2023-06-01";

    @Override
    public URI endpoint(Provider provider) {
      return join(provider.baseUrl(), "/v1/messages");
    }

    @Override
    public Map<String, String> headers(String apiKey) {
      return apiKey == null
          ? Map.of("anthropic-version", VERSION)
          : Map.of("anthropic-version", VERSION, "x-api-key", apiKey);
    }

    @Override
    public ObjectNode body(ObjectMapper json, Provider provider, ChatRequest request, int max) {
      ObjectNode body = json.createObjectNode();
      body.put("model", provider.model());
      body.put("max_tokens", max);
      body.put("temperature", 0);
      body.put("system", request.system());
      body.putArray("messages").addObject().put("role", "user").put("content", request.user());
      return body;
    }

    @Override
    public Parsed parse(Provider provider, JsonNode answer) {
      var text = new StringBuilder();
      for (JsonNode block : answer.path("content")) {
        if ("text".equals(block.path("type").asString("")) && block.path("text").isString()) {
          text.append(block.path("text").stringValue());
        }
      }
      if (text.isEmpty()) {
        throw malformed(provider, "no text content block");
      }
      JsonNode usage = answer.path("usage");
      return new Parsed(
          text.toString(),
          tokens(provider, usage.path("input_tokens")),
          tokens(provider, usage.path("output_tokens")));
    }
  }
}
