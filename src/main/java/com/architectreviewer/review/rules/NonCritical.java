package com.architectreviewer.review.rules;

import com.architectreviewer.review.js.Call;
import com.architectreviewer.review.js.JsModule;
import java.util.List;
import java.util.Set;

/**
 * Non-critical writes: analytics, audit, log, tracking and telemetry records, which a request must
 * survive without (the seed's graceful degradation).
 */
final class NonCritical {

  private static final Set<String> TARGET_WORDS =
      Set.of(
          "analytics",
          "audit",
          "audits",
          "log",
          "logs",
          "tracking",
          "telemetry",
          "pageview",
          "pageviews",
          "clicklog",
          "impression",
          "impressions");
  private static final Set<String> TRACKERS =
      Set.of(
          "posthog", "mixpanel", "analytics", "segment", "amplitude", "umami", "plausible", "heap");
  private static final Set<String> TRACK_MEMBERS =
      Set.of("track", "capture", "trackEvent", "logEvent", "page", "identify", "flush", "record");

  private NonCritical() {}

  /** True when the call writes an analytics/audit/log record or sends a tracking event. */
  static boolean isNonCriticalWrite(JsModule m, Call call) {
    if (call.isNew() || call.callee().startsWith(".")) {
      return CallKinds.isDbWrite(m, call) && targetIsNonCritical(CallKinds.writeTarget(m, call));
    }
    if (CallKinds.isDbWrite(m, call)) {
      return targetIsNonCritical(CallKinds.writeTarget(m, call));
    }
    var rootWords = JsQueries.words(call.root());
    if (rootWords.contains("console") || rootWords.contains("logger")) {
      return false;
    }
    if (call.callee().contains(".")) {
      return rootWords.stream().anyMatch(TRACKERS::contains)
          && TRACK_MEMBERS.contains(call.member());
    }
    List<String> words = JsQueries.words(call.callee());
    if (words.isEmpty()) {
      return false;
    }
    var first = words.getFirst();
    return first.equals("track")
        || (first.equals("log") && words.size() > 1 && !Set.of("in", "out").contains(words.get(1)))
        || words.contains("analytics")
        || words.contains("telemetry")
        || (first.equals("record") && words.contains("audit"));
  }

  static boolean targetIsNonCritical(String target) {
    return JsQueries.words(target).stream().anyMatch(TARGET_WORDS::contains);
  }
}
