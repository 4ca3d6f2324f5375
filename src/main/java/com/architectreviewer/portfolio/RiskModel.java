package com.architectreviewer.portfolio;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How much one finding weighs in the portfolio strategy: severity × confidence × exposure. Fixed
 * numbers, so the ranking is deterministic and can be explained line by line.
 */
final class RiskModel {

  static final Map<String, Double> SEVERITY =
      ordered("critical", 10.0, "high", 5.0, "medium", 2.0, "low", 0.5, "info", 0.0);
  static final Map<String, Double> CONFIDENCE = ordered("high", 1.0, "medium", 0.7, "low", 0.4);

  /** Files that answer requests from the internet: Next.js routes, API folders, servers. */
  private static final Pattern PUBLIC_PATH =
      Pattern.compile(
          "(^|/)(app/(.+/)?(route|page)\\.[cm]?[jt]sx?$|pages/api/|api/|routes?/|server\\.[cm]?[jt]s$|middleware\\.[cm]?[jt]s$)");

  static final List<String> EXPOSURE_RULES =
      List.of(
          "AR-AI-*: × 1.5 — an LLM route reachable from the internet costs money per request and"
              + " invites abuse",
          "AR-SEC-*: × 1.3 — secrets and missing validation are exploitable, not just fragile",
          "file on a public request path (app/**/route, pages/api, api/, routes/, server,"
              + " middleware): × 1.2");

  private RiskModel() {}

  static double weight(String rule, String severity, String confidence, String file) {
    return SEVERITY.getOrDefault(severity, 0.0)
        * CONFIDENCE.getOrDefault(confidence, 0.4)
        * exposure(rule, file);
  }

  static double exposure(String rule, String file) {
    double factor = 1.0;
    String id = rule.toUpperCase(Locale.ROOT);
    if (id.startsWith("AR-AI-")) {
      factor *= 1.5;
    } else if (id.startsWith("AR-SEC-")) {
      factor *= 1.3;
    }
    if (file != null && PUBLIC_PATH.matcher(file).find()) {
      factor *= 1.2;
    }
    return factor;
  }

  static String exposureReason(String rule, String file) {
    var reasons = new java.util.ArrayList<String>();
    String id = rule.toUpperCase(Locale.ROOT);
    if (id.startsWith("AR-AI-")) {
      reasons.add("LLM route");
    } else if (id.startsWith("AR-SEC-")) {
      reasons.add("security");
    }
    if (file != null && PUBLIC_PATH.matcher(file).find()) {
      reasons.add("public request path");
    }
    return reasons.isEmpty() ? "internal" : String.join(", ", reasons);
  }

  /** Worst first, so the model reads the same in every answer. */
  private static Map<String, Double> ordered(Object... pairs) {
    var map = new java.util.LinkedHashMap<String, Double>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], (Double) pairs[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(map);
  }

  static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
