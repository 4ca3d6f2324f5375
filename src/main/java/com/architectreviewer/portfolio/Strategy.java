package com.architectreviewer.portfolio;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The answer of {@code GET /api/v1/portfolio/strategy}.
 *
 * @param scannedRepositories repositories with at least one scan (the strategy's basis)
 * @param riskModel the weights every number below comes from
 * @param ranking repositories by risk, highest first, with their top contributing findings
 * @param sharedProblems rules found in several repositories, most widespread first
 * @param plan what to fix first and why, with the rule documentation
 */
record Strategy(
    int scannedRepositories,
    Model riskModel,
    List<RankedRepository> ranking,
    List<SharedProblem> sharedProblems,
    List<Step> plan) {

  record Model(
      Map<String, Double> severity, Map<String, Double> confidence, List<String> exposure) {}

  record RankedRepository(
      int rank,
      UUID repositoryId,
      String name,
      double risk,
      int findings,
      List<Contribution> topRisks) {

    RankedRepository at(int position) {
      return new RankedRepository(position, repositoryId, name, risk, findings, topRisks);
    }
  }

  /** One finding's share of a repository's risk: severity × confidence × exposure. */
  record Contribution(
      String rule,
      String severity,
      String confidence,
      String exposure,
      double weight,
      String where) {}

  record SharedProblem(
      String rule,
      String title,
      String severity,
      int repositories,
      int of,
      String summary,
      double risk,
      List<String> names,
      String docs) {}

  record Step(
      int step, String rule, String title, String why, List<String> repositories, String docs) {}
}
