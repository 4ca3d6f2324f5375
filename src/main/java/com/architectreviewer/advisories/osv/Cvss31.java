package com.architectreviewer.advisories.osv;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * CVSS v3.x base score from a vector string, per the FIRST CVSS v3.1 specification (section 7.1
 * equations and Appendix A's Roundup). v3.0 vectors are scored with the same equations.
 */
public final class Cvss31 {

  private Cvss31() {}

  /** The base score (0.0–10.0), or empty when the vector is not a complete CVSS v3 vector. */
  public static Optional<Double> baseScore(String vector) {
    if (vector == null || !(vector.startsWith("CVSS:3.1/") || vector.startsWith("CVSS:3.0/"))) {
      return Optional.empty();
    }
    Map<String, String> metrics = new HashMap<>();
    for (String part : vector.substring("CVSS:3.x/".length()).split("/")) {
      int colon = part.indexOf(':');
      if (colon <= 0) {
        return Optional.empty();
      }
      metrics.put(part.substring(0, colon), part.substring(colon + 1));
    }
    try {
      boolean changed = scope(metrics.get("S"));
      double av = pick(metrics.get("AV"), "N", 0.85, "A", 0.62, "L", 0.55, "P", 0.2);
      double ac = pick(metrics.get("AC"), "L", 0.77, "H", 0.44);
      double pr =
          pick(metrics.get("PR"), "N", 0.85, "L", changed ? 0.68 : 0.62, "H", changed ? 0.5 : 0.27);
      double ui = pick(metrics.get("UI"), "N", 0.85, "R", 0.62);
      double c = impact(metrics.get("C"));
      double i = impact(metrics.get("I"));
      double a = impact(metrics.get("A"));
      double iss = 1 - (1 - c) * (1 - i) * (1 - a);
      double impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss;
      double exploitability = 8.22 * av * ac * pr * ui;
      if (impact <= 0) {
        return Optional.of(0.0);
      }
      double raw = changed ? 1.08 * (impact + exploitability) : impact + exploitability;
      return Optional.of(roundUp(Math.min(raw, 10)));
    } catch (IllegalArgumentException incomplete) {
      return Optional.empty();
    }
  }

  /** Appendix A: the smallest number with one decimal that is equal to or higher than the input. */
  static double roundUp(double input) {
    long scaled = Math.round(input * 100_000);
    if (scaled % 10_000 == 0) {
      return scaled / 100_000.0;
    }
    return (Math.floor(scaled / 10_000.0) + 1) / 10.0;
  }

  private static boolean scope(String s) {
    if ("U".equals(s)) {
      return false;
    }
    if ("C".equals(s)) {
      return true;
    }
    throw new IllegalArgumentException("scope");
  }

  private static double impact(String value) {
    return pick(value, "H", 0.56, "L", 0.22, "N", 0.0);
  }

  private static double pick(String value, Object... pairs) {
    for (int k = 0; k < pairs.length; k += 2) {
      if (pairs[k].equals(value)) {
        return (Double) pairs[k + 1];
      }
    }
    throw new IllegalArgumentException("metric");
  }
}
