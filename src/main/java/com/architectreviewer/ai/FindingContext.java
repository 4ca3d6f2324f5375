package com.architectreviewer.ai;

import com.architectreviewer.scan.StoredFinding;
import java.util.List;

/**
 * What an explanation is made from: one finding, where it is, its snippet, and its neighbours in
 * the same scan (the project as the engine saw it).
 */
record FindingContext(
    String findingId,
    String rule,
    String severity,
    String confidence,
    String file,
    int line,
    String message,
    String remediation,
    String snippet,
    String fingerprint,
    String source,
    int filesScanned,
    List<String> relatedFindings) {

  /** The finding as the scan module stored it, with its neighbours as one line each. */
  static FindingContext of(StoredFinding finding, List<StoredFinding> related) {
    return new FindingContext(
        finding.id().toString(),
        finding.rule(),
        finding.severity(),
        finding.confidence(),
        finding.file(),
        finding.line(),
        finding.message(),
        finding.remediation(),
        finding.snippet(),
        finding.fingerprint(),
        finding.scanSource(),
        finding.scanFilesScanned(),
        related.stream()
            .map(other ->
                other.rule()
                    + " ("
                    + other.severity()
                    + ") "
                    + other.file()
                    + ":"
                    + other.line()
                    + " "
                    + other.message())
            .toList());
  }
}
