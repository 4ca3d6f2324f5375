package com.architectreviewer.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReviewEngineTest {

  private static final Path APP = Path.of("src/test/resources/fixtures/db-001-app-router");

  @Test
  void reportsProgressThroughEveryStageInOrder() {
    var stages = new ArrayList<ReviewListener.Stage>();
    var listener =
        new ReviewListener() {
          @Override
          public synchronized void progress(Stage stage, int done, int total) {
            assertThat(done).isBetween(0, Math.max(total, done));
            if (stages.isEmpty() || stages.get(stages.size() - 1) != stage) {
              stages.add(stage);
            }
          }
        };
    var report = new ReviewEngine().review(APP, ReviewOptions.defaults(), listener);
    assertThat(report.findings()).isNotEmpty();
    assertThat(stages)
        .startsWith(
            ReviewListener.Stage.INDEXING,
            ReviewListener.Stage.ANALYSING,
            ReviewListener.Stage.CHECKING)
        .endsWith(ReviewListener.Stage.DONE);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 5, 8})
  void stopsWithReviewCancelledWheneverTheListenerSaysSo(int askedBeforeCancel) {
    var asked = new AtomicInteger();
    var listener =
        new ReviewListener() {
          @Override
          public boolean isCancelled() {
            return asked.incrementAndGet() >= askedBeforeCancel;
          }
        };
    assertThatThrownBy(() -> new ReviewEngine().review(APP, ReviewOptions.defaults(), listener))
        .isInstanceOf(ReviewCancelled.class)
        .hasMessageStartingWith("review cancelled during");
  }

  @Test
  void runsExtraFindingSourcesThroughRedactionAndSuppression() {
    var source =
        new FindingSource() {
          @Override
          public List<Rule> rules() {
            return List.of(Rule.of("AR-TST-001", "test source", Severity.HIGH, "why", "fix"));
          }

          @Override
          public List<Finding> find(Project project, ReviewListener listener) {
            assertThat(project.files()).contains("package.json");
            return List.of(
                new Finding(
                    "AR-TST-001",
                    Severity.HIGH,
                    Confidence.HIGH,
                    "package.json",
                    1,
                    1,
                    1,
                    2,
                    "token = sk_live_abcdefghijklmnop1234",
                    "found sk_live_abcdefghijklmnop1234",
                    "",
                    ""));
          }
        };
    var report =
        new ReviewEngine()
            .withSource(source)
            .review(APP, ReviewOptions.defaults(), ReviewListener.NONE);
    var extra =
        report.findings().stream()
            .filter(f -> f.rule().equals("AR-TST-001"))
            .findFirst()
            .orElseThrow();
    assertThat(extra.snippet() + extra.message()).doesNotContain("abcdefghijklmnop1234");
    assertThat(extra.fingerprint()).hasSize(32);
    assertThat(report.rules()).extracting(Rule::id).contains("AR-TST-001", "AR-DB-001");
  }

  @Test
  void refusesAMissingRoot() {
    assertThatThrownBy(() ->
            new ReviewEngine()
                .review(Path.of("no/such/folder"), ReviewOptions.defaults(), ReviewListener.NONE))
        .isInstanceOf(RootNotReadable.class)
        .hasMessageContaining("does not exist");
  }
}
