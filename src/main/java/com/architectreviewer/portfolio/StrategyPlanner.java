package com.architectreviewer.portfolio;

import com.architectreviewer.review.Rule;
import com.architectreviewer.review.RuleCatalog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The portfolio strategy from the latest scan of each repository: repositories ranked by risk, the
 * problems they share, and an ordered plan with reasons. Plain Java and deterministic: the same
 * findings always give the same strategy, ties broken by name and rule id.
 */
final class StrategyPlanner {

  static final int TOP_RISKS = 3;
  static final int MAX_STEPS = 20;

  private final RuleCatalog rules;

  StrategyPlanner(RuleCatalog rules) {
    this.rules = rules;
  }

  /** One finding of a repository's latest scan. */
  record ScannedFinding(
      UUID repositoryId, String rule, String severity, String confidence, String file, int line) {}

  Strategy plan(Map<UUID, String> scannedRepositories, List<ScannedFinding> findings) {
    int total = scannedRepositories.size();
    var byRepository = new TreeMap<UUID, List<ScannedFinding>>();
    findings.forEach(
        f -> byRepository.computeIfAbsent(f.repositoryId(), id -> new ArrayList<>()).add(f));

    var ranking = new ArrayList<Strategy.RankedRepository>();
    scannedRepositories.forEach(
        (id, name) -> ranking.add(rank(id, name, byRepository.getOrDefault(id, List.of()))));
    ranking.sort(
        Comparator.comparingDouble(Strategy.RankedRepository::risk)
            .reversed()
            .thenComparing(Strategy.RankedRepository::name));
    var ranked = new ArrayList<Strategy.RankedRepository>();
    for (int i = 0; i < ranking.size(); i++) {
      ranked.add(ranking.get(i).at(i + 1));
    }

    var shared = shared(scannedRepositories, findings, total);
    return new Strategy(
        total,
        new Strategy.Model(RiskModel.SEVERITY, RiskModel.CONFIDENCE, RiskModel.EXPOSURE_RULES),
        ranked,
        shared,
        plan(shared, totalRisk(ranked)));
  }

  private Strategy.RankedRepository rank(UUID id, String name, List<ScannedFinding> findings) {
    double risk = 0;
    var contributions = new ArrayList<Strategy.Contribution>();
    for (ScannedFinding f : findings) {
      double weight = RiskModel.weight(f.rule(), f.severity(), f.confidence(), f.file());
      risk += weight;
      contributions.add(
          new Strategy.Contribution(
              f.rule(),
              f.severity(),
              f.confidence(),
              RiskModel.exposureReason(f.rule(), f.file()),
              RiskModel.round(weight),
              f.file() + ":" + f.line()));
    }
    contributions.sort(
        Comparator.comparingDouble(Strategy.Contribution::weight)
            .reversed()
            .thenComparing(Strategy.Contribution::rule)
            .thenComparing(Strategy.Contribution::where));
    return new Strategy.RankedRepository(
        0,
        id,
        name,
        RiskModel.round(risk),
        findings.size(),
        List.copyOf(contributions.subList(0, Math.min(TOP_RISKS, contributions.size()))));
  }

  private List<Strategy.SharedProblem> shared(
      Map<UUID, String> names, List<ScannedFinding> findings, int total) {
    var repositoriesByRule = new TreeMap<String, TreeSet<String>>();
    var riskByRule = new LinkedHashMap<String, Double>();
    var worstSeverity = new TreeMap<String, String>();
    for (ScannedFinding f : findings) {
      String name = names.get(f.repositoryId());
      if (name == null) {
        continue;
      }
      repositoriesByRule.computeIfAbsent(f.rule(), r -> new TreeSet<>()).add(name);
      riskByRule.merge(
          f.rule(),
          RiskModel.weight(f.rule(), f.severity(), f.confidence(), f.file()),
          Double::sum);
      worstSeverity.merge(f.rule(), f.severity(), StrategyPlanner::worse);
    }
    var shared = new ArrayList<Strategy.SharedProblem>();
    repositoriesByRule.forEach((rule, repositories) -> {
      String title = rules.find(rule).map(Rule::title).orElse(rule);
      shared.add(
          new Strategy.SharedProblem(
              rule,
              title,
              worstSeverity.get(rule),
              repositories.size(),
              total,
              repositories.size() + " of " + total + " repositories: " + title,
              RiskModel.round(riskByRule.get(rule)),
              List.copyOf(repositories),
              docs(rule)));
    });
    shared.sort(
        Comparator.comparingInt(Strategy.SharedProblem::repositories)
            .reversed()
            .thenComparing(Comparator.comparingDouble(Strategy.SharedProblem::risk).reversed())
            .thenComparing(Strategy.SharedProblem::rule));
    return shared;
  }

  private List<Strategy.Step> plan(List<Strategy.SharedProblem> shared, double portfolioRisk) {
    var ordered = new ArrayList<>(shared);
    ordered.removeIf(problem -> problem.risk() <= 0);
    ordered.sort(
        Comparator.comparingDouble(Strategy.SharedProblem::risk)
            .reversed()
            .thenComparing(Comparator.comparingInt(Strategy.SharedProblem::repositories).reversed())
            .thenComparing(Strategy.SharedProblem::rule));
    var steps = new ArrayList<Strategy.Step>();
    for (int i = 0; i < Math.min(MAX_STEPS, ordered.size()); i++) {
      var problem = ordered.get(i);
      long share = portfolioRisk <= 0 ? 0 : Math.round(100 * problem.risk() / portfolioRisk);
      String rationale =
          rules
              .find(problem.rule())
              .map(Rule::rationale)
              .map(StrategyPlanner::firstSentence)
              .orElse("");
      String why =
          "Carries "
              + share
              + "% of the portfolio's risk ("
              + problem.risk()
              + "); worst severity "
              + problem.severity()
              + "; found in "
              + problem.summary().substring(0, problem.summary().indexOf(':'))
              + "."
              + (rationale.isEmpty() ? "" : " " + rationale);
      steps.add(
          new Strategy.Step(
              i + 1, problem.rule(), problem.title(), why, problem.names(), problem.docs()));
    }
    return steps;
  }

  private static double totalRisk(List<Strategy.RankedRepository> ranked) {
    return ranked.stream().mapToDouble(Strategy.RankedRepository::risk).sum();
  }

  private static String docs(String rule) {
    return "docs/rules/" + rule + ".md";
  }

  private static String worse(String a, String b) {
    List<String> order = List.of("critical", "high", "medium", "low", "info");
    int ia = order.indexOf(a);
    int ib = order.indexOf(b);
    return (ia < 0 ? 99 : ia) <= (ib < 0 ? 99 : ib) ? a : b;
  }

  private static String firstSentence(String text) {
    String trimmed = text.strip();
    int end = trimmed.indexOf(". ");
    return end < 0 ? trimmed : trimmed.substring(0, end + 1);
  }
}
