package com.architectreviewer.review.output;

import com.architectreviewer.review.Finding;
import com.architectreviewer.review.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Findings of one cause shown once: the same rule at the same severity is one habit with one fix
 * (fifty handlers writing unvalidated bodies), so the reports list it once with its count and its
 * places, worst first. The JSON keeps every instance besides; SARIF keeps one result per location.
 *
 * @param rule the rule id
 * @param severity the severity the findings share
 * @param findings its instances, in report order (the first one stands for the group)
 */
record FindingGroups(String rule, Severity severity, List<Finding> findings) {

  /** The groups of {@code findings}: by severity (worst first), then by count (largest first). */
  static List<FindingGroups> of(List<Finding> findings) {
    var byKey = new LinkedHashMap<String, List<Finding>>();
    for (var f : findings) {
      byKey.computeIfAbsent(f.rule() + "\u0000" + f.severity(), k -> new ArrayList<>()).add(f);
    }
    var groups = new ArrayList<FindingGroups>();
    for (var list : byKey.values()) {
      groups.add(new FindingGroups(list.getFirst().rule(), list.getFirst().severity(), list));
    }
    groups.sort(
        Comparator.comparingInt((FindingGroups g) -> g.severity().ordinal())
            .thenComparing(
                Comparator.comparingInt((FindingGroups g) -> g.findings().size()).reversed())
            .thenComparing(FindingGroups::rule));
    return groups;
  }

  Finding first() {
    return findings.getFirst();
  }

  int count() {
    return findings.size();
  }
}
