package com.architectreviewer.providers;

/**
 * One question to an LLM. Callers must have redacted secrets from both prompts: whatever is here
 * leaves the process.
 *
 * @param system the instructions
 * @param user the question, with its context
 * @param maxOutputTokens upper bound of the answer (also capped by each provider's own limit)
 */
public record ChatRequest(String system, String user, int maxOutputTokens) {

  public ChatRequest {
    if (system == null || user == null || user.isBlank()) {
      throw new IllegalArgumentException("A chat request needs a system and a user prompt");
    }
    if (maxOutputTokens <= 0) {
      throw new IllegalArgumentException("maxOutputTokens must be positive");
    }
  }
}
