package com.architectreviewer.review.secrets;

/**
 * A credential found in a text.
 *
 * @param kind what it is
 * @param start offset of the secret value in the text
 * @param end offset after the secret value
 * @param visiblePrefix what may be shown of it ({@code sk-proj-}, {@code AKIA}); never secret
 */
public record SecretMatch(SecretKind kind, int start, int end, String visiblePrefix) {

  /** How the value is shown in every output. */
  public String redacted() {
    return visiblePrefix + "…[redacted]";
  }
}
