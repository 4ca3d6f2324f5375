package com.architectreviewer.review.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.architectreviewer.review.ReportFormats;
import com.architectreviewer.review.ReviewEngine;
import com.architectreviewer.review.ReviewListener;
import com.architectreviewer.review.ReviewOptions;
import com.architectreviewer.review.secrets.FakeKeys;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hard-coded and committed secrets never appear in any output format, only their kind and prefix.
 */
class SecretRedactionTest {

  private static final List<String> SECRETS =
      List.of(
          FakeKeys.OPENAI,
          FakeKeys.ANTHROPIC,
          FakeKeys.STRIPE,
          FakeKeys.AKIA,
          FakeKeys.AWS_SECRET,
          FakeKeys.GHP,
          FakeKeys.SLACK,
          FakeKeys.SERVICE_ROLE,
          FakeKeys.DB_PASSWORD,
          FakeKeys.SLACK_WEBHOOK.substring(FakeKeys.SLACK_WEBHOOK.lastIndexOf('/') + 1));

  @ParameterizedTest
  @EnumSource(ReportFormats.Format.class)
  void hardCodedKeysAreRedactedInEveryFormat(ReportFormats.Format format) {
    var report = review("ar-sec-004-hardcoded");
    assertThat(report.findings()).hasSize(10);
    var out = ReportFormats.render(report, format, false);
    for (var secret : SECRETS) {
      assertThat(out).doesNotContain(secret).doesNotContain(secret.substring(secret.length() - 12));
    }
    assertThat(out).contains("AR-SEC-004");
  }

  @ParameterizedTest
  @EnumSource(ReportFormats.Format.class)
  void committedEnvValuesAreRedactedInEveryFormat(ReportFormats.Format format) {
    var report = review("ar-sec-003-monorepo-env");
    var out = ReportFormats.render(report, format, false);
    assertThat(out)
        .contains("AR-SEC-003")
        .doesNotContain(FakeKeys.DB_PASSWORD)
        .doesNotContain(FakeKeys.STRIPE.substring(10));
  }

  private static com.architectreviewer.review.ReviewReport review(String fixture) {
    return new ReviewEngine()
        .review(
            Path.of("src/test/resources/fixtures", fixture),
            ReviewOptions.defaults().withThreads(1),
            ReviewListener.NONE);
  }
}
