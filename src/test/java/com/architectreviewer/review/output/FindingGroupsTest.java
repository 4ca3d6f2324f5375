package com.architectreviewer.review.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.architectreviewer.review.ReviewEngine;
import com.architectreviewer.review.ReviewListener;
import com.architectreviewer.review.ReviewOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FindingGroupsTest {

  private static final Path FIXTURE = Path.of("src/test/resources/fixtures/runtime-sveltekit");

  private static com.architectreviewer.review.ReviewReport review() {
    return new ReviewEngine()
        .review(FIXTURE, ReviewOptions.defaults().withThreads(1), ReviewListener.NONE);
  }

  @Test
  void oneCauseInManyPlacesIsShownOnceWithItsCountAndPlaces() {
    var text = TextReport.render(review(), false);
    assertThat(text)
        .contains(
            "AR-SEC-001 x2  Request input used without schema validation (one cause, 2 places)")
        .contains("src/routes/api/chat/+server.ts:9")
        .contains("src/routes/contact/+page.server.ts:10");
    // the critical per-request client opens the report, before the high habit
    assertThat(text.indexOf("AR-DB-001")).isLessThan(text.indexOf("AR-SEC-001"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void theJsonKeepsEveryInstanceAndAddsTheGroups() {
    var report = review();
    var doc = JsonReport.document(report, "test");
    var findings = (List<Map<String, Object>>) doc.get("findings");
    var groups = (List<Map<String, Object>>) doc.get("groups");
    assertThat(findings).hasSize(report.findings().size());
    var sec001 =
        groups.stream().filter(g -> g.get("rule").equals("AR-SEC-001")).findFirst().orElseThrow();
    assertThat(sec001.get("count")).isEqualTo(2);
    assertThat((List<?>) sec001.get("places")).hasSize(2);
    assertThat(groups.getFirst().get("severity")).isEqualTo("critical");
    assertThat(groups.stream().mapToInt(g -> (Integer) g.get("count")).sum())
        .isEqualTo(findings.size());
  }
}
