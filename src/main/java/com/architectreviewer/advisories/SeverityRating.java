package com.architectreviewer.advisories;

import com.architectreviewer.advisories.osv.Advisory;
import com.architectreviewer.advisories.osv.Cvss31;
import java.util.Locale;
import java.util.Optional;

/**
 * An advisory's severity: the highest CVSS v3 base score we compute from its vectors, else the
 * database's own rating, else medium (and says so).
 */
record SeverityRating(Severity severity, String source) {

  static SeverityRating of(Advisory advisory) {
    double best = -1;
    String bestVector = null;
    for (String vector : advisory.cvssVectors()) {
      Optional<Double> score = Cvss31.baseScore(vector);
      if (score.isPresent() && score.get() > best) {
        best = score.get();
        bestVector = vector;
      }
    }
    if (bestVector != null) {
      String version = bestVector.substring(0, bestVector.indexOf('/'));
      return new SeverityRating(Severity.ofScore(best), version + " base score " + best);
    }
    if (advisory.databaseSeverity() != null) {
      Severity fromDatabase =
          switch (advisory.databaseSeverity().toUpperCase(Locale.ROOT)) {
            case "CRITICAL" -> Severity.CRITICAL;
            case "HIGH" -> Severity.HIGH;
            case "MODERATE", "MEDIUM" -> Severity.MEDIUM;
            case "LOW" -> Severity.LOW;
            default -> null;
          };
      if (fromDatabase != null) {
        return new SeverityRating(fromDatabase, "database: " + advisory.databaseSeverity());
      }
    }
    return new SeverityRating(Severity.MEDIUM, "unrated by the advisory: treated as medium");
  }
}
