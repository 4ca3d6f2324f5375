package com.architectreviewer.providers;

/**
 * No enabled provider with its API key present: the AI routes cannot answer until an operator
 * configures one. Answered as 503 with instructions.
 */
public class NoProviderConfigured extends RuntimeException {
  public NoProviderConfigured() {
    super("No LLM provider is configured");
  }
}
