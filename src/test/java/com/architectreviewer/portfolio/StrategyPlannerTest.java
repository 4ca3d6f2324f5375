package com.architectreviewer.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import com.architectreviewer.portfolio.StrategyPlanner.ScannedFinding;
import com.architectreviewer.review.ReviewEngine;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StrategyPlannerTest {

  private final StrategyPlanner planner = new StrategyPlanner(new ReviewEngine().catalog());

  private final UUID shop = UUID.fromString("00000000-0000-0000-0000-000000000001");
  private final UUID chat = UUID.fromString("00000000-0000-0000-0000-000000000002");
  private final UUID blog = UUID.fromString("00000000-0000-0000-0000-000000000003");
  private final UUID docs = UUID.fromString("00000000-0000-0000-0000-000000000004");

  private LinkedHashMap<UUID, String> names() {
    var names = new LinkedHashMap<UUID, String>();
    names.put(shop, "shop");
    names.put(chat, "chat");
    names.put(blog, "blog");
    names.put(docs, "docs");
    return names;
  }

  private List<ScannedFinding> findings() {
    return List.of(
        new ScannedFinding(shop, "AR-DB-001", "high", "high", "app/api/users/route.ts", 3),
        new ScannedFinding(chat, "AR-DB-001", "high", "high", "lib/db.ts", 4),
        new ScannedFinding(blog, "AR-DB-001", "high", "medium", "lib/db.ts", 2),
        new ScannedFinding(chat, "AR-AI-001", "high", "high", "app/api/chat/route.ts", 9),
        new ScannedFinding(shop, "AR-OBS-001", "low", "high", "package.json", 1));
  }

  @Test
  void ranksBySeverityTimesConfidenceTimesExposure() {
    Strategy strategy = planner.plan(names(), findings());

    assertThat(strategy.ranking())
        .extracting(Strategy.RankedRepository::name)
        .containsExactly("chat", "shop", "blog", "docs");
    var chatRank = strategy.ranking().getFirst();
    // AR-AI-001: 5 × 1.0 × (1.5 LLM route × 1.2 public path) = 9.0; AR-DB-001: 5 × 1.0 × 1.0
    assertThat(chatRank.risk()).isEqualTo(14.0);
    assertThat(chatRank.topRisks().getFirst().rule()).isEqualTo("AR-AI-001");
    assertThat(chatRank.topRisks().getFirst().weight()).isEqualTo(9.0);
    assertThat(chatRank.topRisks().getFirst().exposure())
        .isEqualTo("LLM route, public request path");
    assertThat(strategy.ranking().get(3).risk()).isZero();
    assertThat(strategy.ranking())
        .extracting(Strategy.RankedRepository::rank)
        .containsExactly(1, 2, 3, 4);
  }

  @Test
  void namesTheProblemsRepositoriesShare() {
    Strategy strategy = planner.plan(names(), findings());

    var first = strategy.sharedProblems().getFirst();
    assertThat(first.rule()).isEqualTo("AR-DB-001");
    assertThat(first.repositories()).isEqualTo(3);
    assertThat(first.of()).isEqualTo(4);
    assertThat(first.summary()).startsWith("3 of 4 repositories: ");
    assertThat(first.names()).containsExactly("blog", "chat", "shop");
  }

  @Test
  void planOrdersRulesByTheRiskTheyCarryWithReasonsAndDocs() {
    Strategy strategy = planner.plan(names(), findings());

    assertThat(strategy.plan())
        .extracting(Strategy.Step::rule)
        .containsExactly("AR-DB-001", "AR-AI-001", "AR-OBS-001");
    var step = strategy.plan().getFirst();
    assertThat(step.step()).isEqualTo(1);
    assertThat(step.docs()).isEqualTo("docs/rules/AR-DB-001.md");
    assertThat(step.why()).contains("% of the portfolio's risk").contains("3 of 4 repositories");
  }

  @Test
  void theSameFindingsInAnyOrderGiveTheSameStrategy() {
    Strategy expected = planner.plan(names(), findings());
    var random = new Random(42);
    for (int i = 0; i < 20; i++) {
      var shuffled = new ArrayList<>(findings());
      Collections.shuffle(shuffled, random);
      assertThat(planner.plan(names(), shuffled)).isEqualTo(expected);
    }
  }
}
