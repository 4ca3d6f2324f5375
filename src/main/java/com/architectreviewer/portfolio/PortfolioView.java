package com.architectreviewer.portfolio;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The answer of {@code GET /api/v1/portfolio}: every repository with its latest scan. */
record PortfolioView(int repositories, List<Entry> items) {

  /**
   * @param scanState state of the repository's newest scan job ({@code queued}, {@code running},
   *     {@code succeeded}, {@code failed}, {@code cancelled}), or null when never scanned
   * @param latestScan the newest stored scan, or null
   */
  record Entry(
      UUID id,
      String name,
      String url,
      String path,
      String branch,
      List<String> tags,
      String scanState,
      Integer scanProgress,
      LatestScan latestScan) {}

  record LatestScan(
      UUID id,
      String url,
      int score,
      Map<String, Integer> counts,
      int findings,
      Instant scannedAt,
      Trend trend) {}

  /**
   * Versus the scan before: {@code direction} is {@code first}, {@code improved}, {@code worse} or
   * {@code unchanged} (by score, then by number of findings).
   */
  record Trend(String direction, Integer scoreChange, Integer findingsChange) {

    static Trend of(int score, int findings, Integer previousScore, Integer previousFindings) {
      if (previousScore == null) {
        return new Trend("first", null, null);
      }
      int scoreChange = score - previousScore;
      int findingsChange = findings - previousFindings;
      String direction =
          scoreChange > 0 || (scoreChange == 0 && findingsChange < 0)
              ? "improved"
              : scoreChange < 0 || findingsChange > 0 ? "worse" : "unchanged";
      return new Trend(direction, scoreChange, findingsChange);
    }
  }
}
