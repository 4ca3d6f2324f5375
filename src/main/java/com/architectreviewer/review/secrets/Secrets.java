package com.architectreviewer.review.secrets;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds credentials in text by their format, then keeps only values random enough to be real
 * (Shannon entropy) and not placeholders; and redacts them. Used by AR-SEC-004 and by every output,
 * so that no secret value is ever printed.
 */
public final class Secrets {

  private record Format(SecretKind kind, Pattern pattern, int valueGroup, double minEntropy) {}

  /** Literal text every format needs; a text without any of them is not searched further. */
  private static final List<String> ANCHORS =
      List.of(
          "sk-",
          "_live_",
          "AKIA",
          "ASIA",
          "ccess",
          "CCESS",
          "gh",
          "github_pat_",
          "xox",
          "xapp-",
          "hooks.slack.com",
          "eyJ",
          "://");

  private static final String B = "(?<![A-Za-z0-9_\\-])";
  private static final List<Format> FORMATS =
      List.of(
          new Format(
              SecretKind.OPENAI_KEY,
              Pattern.compile(
                  B
                      + "(sk-(?:proj|svcacct|admin)-[A-Za-z0-9_\\-]{40,}|sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})"),
              1,
              4.0),
          new Format(
              SecretKind.ANTHROPIC_KEY,
              Pattern.compile(B + "(sk-ant-(?:api|admin)\\d\\d-[A-Za-z0-9_\\-]{80,})"),
              1,
              4.0),
          new Format(
              SecretKind.STRIPE_LIVE_KEY,
              Pattern.compile(B + "((?:sk|rk)_live_[A-Za-z0-9]{20,})"),
              1,
              3.5),
          new Format(
              SecretKind.AWS_ACCESS_KEY_ID,
              Pattern.compile("(?<![A-Z0-9])((?:AKIA|ASIA)[A-Z0-9]{16})(?![A-Z0-9])"),
              1,
              3.0),
          new Format(
              SecretKind.AWS_SECRET_ACCESS_KEY,
              Pattern.compile(
                  "(?i:(?:aws)?_?secret_?access_?key)[\"'`]?\\s*[:=]\\s*[\"'`]?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])"),
              1,
              4.0),
          new Format(
              SecretKind.GITHUB_TOKEN,
              Pattern.compile(
                  B + "((?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{60,})"),
              1,
              4.0),
          new Format(
              SecretKind.SLACK_TOKEN,
              Pattern.compile(
                  B
                      + "(xox[abposr]-(?:\\d+-){1,3}[A-Za-z0-9]{16,}|xapp-\\d-[A-Z0-9]+-\\d+-[A-Za-z0-9]{32,})"),
              1,
              3.5),
          new Format(
              SecretKind.SLACK_WEBHOOK,
              Pattern.compile(
                  "hooks\\.slack\\.com/services/T[A-Z0-9]+/B[A-Z0-9]+/([A-Za-z0-9]{20,})"),
              1,
              3.5),
          new Format(
              SecretKind.SUPABASE_SERVICE_ROLE_JWT,
              Pattern.compile(
                  B
                      + "(eyJ[A-Za-z0-9_\\-]{10,}\\.(eyJ[A-Za-z0-9_\\-]{10,})\\.[A-Za-z0-9_\\-]{20,})"),
              1,
              0),
          new Format(
              SecretKind.DATABASE_URL_PASSWORD,
              Pattern.compile(
                  "(?i:postgres(?:ql)?|mysql|mariadb|mongodb(?:\\+srv)?|rediss?|amqps?)://"
                      + "[^:/\\s@\"'`]+:([^@\\s\"'`/]+)@([^/\\s\"'`:?,;]+)"),
              1,
              2.5));

  private Secrets() {}

  /** Every credential in {@code text}, in order of position, overlapping matches removed. */
  public static List<SecretMatch> find(String text) {
    if (ANCHORS.stream().noneMatch(text::contains)) {
      return List.of();
    }
    var found = new ArrayList<SecretMatch>();
    for (var format : FORMATS) {
      Matcher m = format.pattern().matcher(text);
      while (m.find()) {
        var value = m.group(format.valueGroup());
        if (accepts(format, m, value)) {
          found.add(
              new SecretMatch(
                  format.kind(),
                  m.start(format.valueGroup()),
                  m.end(format.valueGroup()),
                  visiblePrefix(format.kind(), value)));
        }
      }
    }
    found.sort(Comparator.comparingInt(SecretMatch::start));
    var kept = new ArrayList<SecretMatch>();
    for (var match : found) {
      if (kept.isEmpty() || match.start() >= kept.getLast().end()) {
        kept.add(match);
      }
    }
    return kept;
  }

  /** {@code text} with every credential replaced by its {@link SecretMatch#redacted()} form. */
  public static String redact(String text) {
    var matches = find(text);
    if (matches.isEmpty()) {
      return text;
    }
    var out = new StringBuilder(text.length());
    int at = 0;
    for (var match : matches) {
      out.append(text, at, match.start()).append(match.redacted());
      at = match.end();
    }
    return out.append(text, at, text.length()).toString();
  }

  private static boolean accepts(Format format, Matcher m, String value) {
    var upper = value.toUpperCase(Locale.ROOT);
    if (upper.contains("EXAMPLE") || Placeholders.isPlaceholder(value)) {
      return false;
    }
    return switch (format.kind()) {
      case SUPABASE_SERVICE_ROLE_JWT -> isServiceRole(m.group(2));
      case DATABASE_URL_PASSWORD ->
          !isLocalHost(m.group(2))
              && !Placeholders.isDefaultPassword(value)
              && value.length() >= 8
              && Entropy.bitsPerChar(value) >= format.minEntropy();
      default -> Entropy.bitsPerChar(randomPart(format.kind(), value)) >= format.minEntropy();
    };
  }

  private static String randomPart(SecretKind kind, String value) {
    return switch (kind) {
      case OPENAI_KEY, ANTHROPIC_KEY, STRIPE_LIVE_KEY, GITHUB_TOKEN ->
          value.substring(Math.min(value.length(), visiblePrefix(kind, value).length()));
      case AWS_ACCESS_KEY_ID -> value.substring(4);
      default -> value;
    };
  }

  private static boolean isServiceRole(String payload) {
    try {
      var json = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
      var compact = json.replace(" ", "");
      // the local stack's well-known demo key (issuer supabase-demo), printed by `supabase start`
      return compact.contains("\"role\":\"service_role\"")
          && !compact.contains("\"iss\":\"supabase-demo\"");
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
  }

  private static boolean isLocalHost(String host) {
    var h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost")
        || h.startsWith("127.")
        || h.equals("0.0.0.0")
        || h.equals("host.docker.internal")
        || !h.contains(".");
  }

  private static String visiblePrefix(SecretKind kind, String value) {
    return switch (kind) {
      case OPENAI_KEY ->
          value.startsWith("sk-proj-")
              ? "sk-proj-"
              : value.startsWith("sk-svcacct-")
                  ? "sk-svcacct-"
                  : value.startsWith("sk-admin-") ? "sk-admin-" : "sk-";
      case ANTHROPIC_KEY -> value.substring(0, value.indexOf('-', 7) + 1);
      case STRIPE_LIVE_KEY -> value.substring(0, 8);
      case AWS_ACCESS_KEY_ID -> value.substring(0, 4);
      case GITHUB_TOKEN -> value.startsWith("github_pat_") ? "github_pat_" : value.substring(0, 4);
      case SLACK_TOKEN -> value.substring(0, value.indexOf('-') + 1);
      case SUPABASE_SERVICE_ROLE_JWT -> "eyJ";
      case AWS_SECRET_ACCESS_KEY, SLACK_WEBHOOK, DATABASE_URL_PASSWORD -> "";
    };
  }
}
