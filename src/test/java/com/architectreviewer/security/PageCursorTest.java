package com.architectreviewer.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PageCursorTest {

  @Test
  void roundTripsAtMicrosecondPrecision() {
    var cursor = new PageCursor(Instant.parse("2026-11-27T08:00:00.123456Z"), UUID.randomUUID());

    assertThat(PageCursor.parse(cursor.encode())).isEqualTo(cursor);
    assertThat(cursor.encode()).matches("[A-Za-z0-9_-]+");
  }

  @Test
  void absentMeansTheFirstPage() {
    assertThat(PageCursor.parse(null)).isNull();
    assertThat(PageCursor.parse("")).isNull();
  }

  @Test
  void refusesAnythingItDidNotProduce() {
    for (String token :
        new String[] {
          "garbage!!",
          encode("v1:x:y"),
          encode("v2:1:" + UUID.randomUUID()),
          encode("v1:-5:" + UUID.randomUUID()),
          encode("v1:1:1-1-1-1-1"),
          encode("v1:1:" + UUID.randomUUID() + ":extra"),
          "A".repeat(300)
        }) {
      assertThatThrownBy(() -> PageCursor.parse(token))
          .as(token)
          .isInstanceOfSatisfying(
              InvalidInput.class,
              e -> assertThat(e.errors().getFirst().field()).isEqualTo("cursor"));
    }
  }

  private static String encode(String raw) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }
}
