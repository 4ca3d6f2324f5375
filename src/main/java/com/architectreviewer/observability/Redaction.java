package com.architectreviewer.observability;

import java.util.regex.Pattern;

/**
 * Removes credentials from text that leaves the process (logs, error events): our API keys, LLM
 * provider keys, bearer tokens, passwords in connection URLs and {@code password=} parameters.
 */
public final class Redaction {

  public static final String REDACTED = "[redacted]";

  private static final Pattern SECRETS =
      Pattern.compile(
          String.join(
              "|",
              "rvw_[A-Za-z0-9]+_[A-Za-z0-9]+", // our API keys
              "sk-(?:ant-|proj-)?[A-Za-z0-9_-]{16,}", // OpenAI / Anthropic keys
              "(?i)bearer\\s+[A-Za-z0-9._~+/=-]{8,}",
              "(?<=://)[^/@\\s:]*:[^/@\\s]+(?=@)", // user:password@ in URLs
              "(?i)(?<=password=)[^&\\s]+"));

  private Redaction() {}

  public static String redact(String text) {
    return text == null ? null : SECRETS.matcher(text).replaceAll(REDACTED);
  }

  /**
   * A copy of the error whose messages (its own and its causes') are redacted, with the original
   * stack traces, for logging: the class names stay readable, the secrets do not.
   */
  public static Throwable redact(Throwable error) {
    return copy(error, 0);
  }

  private static Throwable copy(Throwable error, int depth) {
    if (error == null || depth > 10) {
      return null;
    }
    String message = error.getClass().getName();
    if (error.getMessage() != null) {
      message += ": " + redact(error.getMessage());
    }
    var copy = new RedactedError(message, copy(error.getCause(), depth + 1));
    copy.setStackTrace(error.getStackTrace());
    return copy;
  }

  /**
   * Stands in for an error whose message was redacted; its message starts with the original class
   * name.
   */
  static final class RedactedError extends RuntimeException {
    RedactedError(String message, Throwable cause) {
      super(message, cause);
    }

    @Override
    public String toString() {
      return getMessage();
    }
  }
}
