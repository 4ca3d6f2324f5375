package com.architectreviewer.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.architectreviewer.ReviewerApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A bad database setting stops startup with a report that names it, and never the password. */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseStartupFailureIT {

  private static final String PASSWORD = "Sup3rSecretPw";

  private static void start(String... properties) {
    new SpringApplicationBuilder(ReviewerApplication.class)
        .web(WebApplicationType.NONE)
        .properties(properties)
        .run()
        .close();
  }

  @Test
  void unknownUrlParameterIsNamed(CapturedOutput output) {
    assertThatThrownBy(
            () -> start("DATABASE_URL=postgres://app:" + PASSWORD + "@127.0.0.1:1/d?poolsize=5"))
        .rootCause()
        .isInstanceOf(DatabaseUrlRejected.class)
        .hasMessageContaining("unknown parameter 'poolsize'");
    assertThat(output).contains("unknown parameter 'poolsize'").contains("Change DATABASE_URL");
    assertThat(output).doesNotContain(PASSWORD);
  }

  @Test
  void poolerModeWithoutDirectUrlSaysToSetIt(CapturedOutput output) {
    assertThatThrownBy(() ->
            start(
                "DATABASE_URL=postgres://app:"
                    + PASSWORD
                    + "@aws-0-eu-west-1.pooler.supabase.com:6543/postgres"))
        .rootCause()
        .isInstanceOf(DatabaseUrlRejected.class)
        .hasMessageContaining("set DIRECT_URL");
    assertThat(output).contains("Change DIRECT_URL");
    assertThat(output).doesNotContain(PASSWORD);
  }

  @Test
  void contradictingPoolSizesAreRejected() {
    assertThatThrownBy(() ->
            start(
                "DATABASE_URL=postgres://app@127.0.0.1:1/d?connection_limit=3",
                "reviewer.db.pool-size=8"))
        .rootCause()
        .isInstanceOf(DatabaseUrlRejected.class)
        .hasMessageContaining("reviewer.db.pool-size")
        .hasMessageContaining("connection_limit");
  }
}
