package com.architectreviewer.scan;

import com.architectreviewer.review.Finding;
import java.util.List;

/**
 * The scan's score, 0–100 (100 = nothing found): each finding takes off points by severity
 * (critical 25, high 10, medium 4, low 1, info 0), floored at 0.
 */
final class Score {

  private Score() {}

  static int of(List<Finding> findings) {
    int penalty = 0;
    for (var finding : findings) {
      penalty +=
          switch (finding.severity()) {
            case CRITICAL -> 25;
            case HIGH -> 10;
            case MEDIUM -> 4;
            case LOW -> 1;
            case INFO -> 0;
          };
      if (penalty >= 100) {
        return 0;
      }
    }
    return 100 - penalty;
  }
}
