package com.architectreviewer.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {

  @Test
  void redactsEveryKindOfCredential() {
    String text =
        "key rvw_ab12cd34_0123456789abcdef, openai sk-proj-abcdefghijklmnop1234, "
            + "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig, "
            + "url postgres://app:p%40ss@db:5432/app, jdbc ...?user=a&password=hunter2&ssl=true";
    String redacted = Redaction.redact(text);
    assertThat(redacted)
        .doesNotContain("0123456789abcdef")
        .doesNotContain("abcdefghijklmnop1234")
        .doesNotContain("eyJhbGciOiJIUzI1NiJ9")
        .doesNotContain("p%40ss")
        .doesNotContain("hunter2")
        .contains("postgres://[redacted]@db:5432/app")
        .contains("&ssl=true");
  }

  @Test
  void leavesOrdinaryTextAlone() {
    assertThat(Redaction.redact("GET /api/v1/jobs/42 took 12 ms"))
        .isEqualTo("GET /api/v1/jobs/42 took 12 ms");
  }

  @Test
  void redactedErrorKeepsClassNamesStackTraceAndCausesButNotSecrets() {
    var cause = new java.sql.SQLException("login failed for postgres://u:topsecret@h/db");
    var error = new IllegalStateException("wrapped", cause);
    Throwable copy = Redaction.redact(error);
    assertThat(copy.getMessage()).isEqualTo("java.lang.IllegalStateException: wrapped");
    assertThat(copy.getStackTrace()).isEqualTo(error.getStackTrace());
    assertThat(copy.getCause().getMessage())
        .startsWith("java.sql.SQLException")
        .doesNotContain("topsecret");
  }
}
