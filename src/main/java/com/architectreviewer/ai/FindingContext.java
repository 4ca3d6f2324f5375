package com.architectreviewer.ai;

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
    List<String> relatedFindings) {}
