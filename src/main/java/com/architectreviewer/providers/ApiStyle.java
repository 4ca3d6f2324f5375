package com.architectreviewer.providers;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The wire protocol a provider speaks. */
public enum ApiStyle {
  /** OpenAI-compatible chat completions: {@code POST {baseUrl}/chat/completions}. */
  OPENAI_CHAT("openai-chat"),
  /** Anthropic messages: {@code POST {baseUrl}/v1/messages}. */
  ANTHROPIC_MESSAGES("anthropic-messages");

  private final String id;

  ApiStyle(String id) {
    this.id = id;
  }

  /** The name used in configuration, the API and the database. */
  public String id() {
    return id;
  }

  static Optional<ApiStyle> of(String id) {
    String wanted = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(style -> style.id.equals(wanted)).findFirst();
  }
}
