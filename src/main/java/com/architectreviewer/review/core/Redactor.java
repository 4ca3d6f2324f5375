package com.architectreviewer.review.core;

import com.architectreviewer.review.secrets.Secrets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in any text that leaves the engine (snippets, messages): passwords in URLs, known
 * key formats, JWTs, and values assigned to secret-like names. Applied to every finding, in every
 * output format.
 */
public final class Redactor {

  /** What a masked value is replaced with (after a short non-secret prefix). */
  public static final String MASK = "****";

  private static final Pattern URL_PASSWORD =
      Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://[^:/@\\s'\"`]*:)([^@\\s'\"`]+)(@)");
  private static final List<Pattern> KEYS =
      List.of(
          Pattern.compile("\\b(sk-ant-[a-zA-Z0-9]{2,5}-)[A-Za-z0-9_\\-]{16,}"),
          Pattern.compile("\\b(sk-(?:proj-|svcacct-|admin-)?)[A-Za-z0-9_\\-]{20,}"),
          Pattern.compile("\\b((?:sk|rk|pk)_(?:live|test)_)[A-Za-z0-9]{10,}"),
          Pattern.compile("\\b(whsec_)[A-Za-z0-9]{10,}"),
          Pattern.compile("\\b((?:AKIA|ASIA))[0-9A-Z]{16}\\b"),
          Pattern.compile("\\b(gh[pousr]_)[A-Za-z0-9]{30,}"),
          Pattern.compile("\\b(github_pat_)[A-Za-z0-9_]{30,}"),
          Pattern.compile("\\b(xox[abprs]-)[A-Za-z0-9-]{10,}"),
          Pattern.compile("\\b(AIza)[0-9A-Za-z_\\-]{30,}"),
          Pattern.compile("\\b(gsk_)[A-Za-z0-9]{20,}"),
          Pattern.compile("\\b(r8_)[A-Za-z0-9]{20,}"),
          Pattern.compile("\\b(hf_)[A-Za-z0-9]{20,}"),
          Pattern.compile(
              "\\b(eyJ)[A-Za-z0-9_\\-]{8,}\\.eyJ[A-Za-z0-9_\\-]{8,}\\.[A-Za-z0-9_\\-]{8,}"));
  private static final Pattern ASSIGNED_SECRET =
      Pattern.compile(
          "(?i)([A-Z0-9_]*(?:SECRET|TOKEN|PASSWORD|PASSWD|PWD|API_?KEY|PRIVATE_?KEY|SERVICE_?ROLE|"
              + "ACCESS_?KEY|AUTH_?KEY|CREDENTIALS?|DSN)[A-Z0-9_]*[\"']?\\s*[:=]\\s*[\"'`]?)"
              + "([^\"'`\\s,;)}{]{6,})");

  private Redactor() {}

  /** {@code text} with every secret it recognises masked. */
  public static String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    // Every credential format AR-SEC-004 recognises (Slack webhooks, AWS secrets...) first.
    var result =
        URL_PASSWORD
            .matcher(Secrets.redact(text))
            .replaceAll(m ->
                Matcher.quoteReplacement(
                    m.group(1) + (isPlaceholder(m.group(2)) ? m.group(2) : MASK) + m.group(3)));
    for (var key : KEYS) {
      result = key.matcher(result).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
    }
    result =
        ASSIGNED_SECRET
            .matcher(result)
            .replaceAll(m ->
                Matcher.quoteReplacement(
                    m.group(1) + (isReference(m.group(2)) ? m.group(2) : MASK)));
    return result;
  }

  private static final List<String> HINTS =
      List.of(
          "://",
          "sk-",
          "sk_",
          "rk_",
          "pk_",
          "whsec_",
          "akia",
          "asia",
          "gh",
          "github_pat_",
          "xox",
          "aiza",
          "gsk_",
          "r8_",
          "hf_",
          "eyj",
          "secret",
          "token",
          "pass",
          "pwd",
          "key",
          "service",
          "credential",
          "dsn");

  /** A cheap test that skips the regular expressions for the usual, secret-free snippet. */
  private static boolean mayHoldSecret(String text) {
    var lower = text.toLowerCase(java.util.Locale.ROOT);
    for (var hint : HINTS) {
      if (lower.contains(hint)) {
        return true;
      }
    }
    return false;
  }

  /** Placeholders such as {@code password} or {@code [YOUR-PASSWORD]} are not secrets. */
  private static boolean isPlaceholder(String value) {
    var v = value.toLowerCase(java.util.Locale.ROOT);
    return v.equals(MASK)
        || v.equals("password")
        || v.equals("pass")
        || v.startsWith("[")
        || v.startsWith("<")
        || v.startsWith("${")
        || v.startsWith("$")
        || v.startsWith("{");
  }

  /** {@code process.env.X}, {@code env("X")}, masked values and variables are not secrets. */
  private static boolean isReference(String value) {
    return value.startsWith("process.env")
        || value.startsWith("env(")
        || value.startsWith("import.meta")
        || value.startsWith("${")
        || value.contains(MASK)
        || value.matches("[a-z][a-zA-Z0-9_.]*(\\(.*)?");
  }
}
