package com.architectreviewer.review;

import com.architectreviewer.review.secrets.Secrets;

/**
 * The engine's secret recognition for text that leaves the process outside a review (the AI routes
 * send finding context to an LLM provider): every credential the engine knows is replaced by its
 * redacted form.
 */
public final class SecretRedaction {

  private SecretRedaction() {}

  public static String redact(String text) {
    return text == null ? null : Secrets.redact(text);
  }
}
