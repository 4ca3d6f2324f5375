package com.architectreviewer.review.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.architectreviewer.review.js.JsModule;
import java.util.List;
import org.junit.jupiter.api.Test;

class LimitsTest {

  @Test
  void aMiddlewareWithoutMatcherRunsEverywhere() {
    assertThat(Limits.covers(List.of(), "/api/chat")).isTrue();
  }

  @Test
  void pathParametersMatchLikeNextJs() {
    assertThat(Limits.covers(List.of("/api/:path*"), "/api/chat")).isTrue();
    assertThat(Limits.covers(List.of("/api/:path*"), "/api")).isTrue();
    assertThat(Limits.covers(List.of("/api/:path+"), "/api")).isFalse();
    assertThat(Limits.covers(List.of("/api/:id"), "/api/chat/stream")).isFalse();
    assertThat(Limits.covers(List.of("/api/auth/:path*", "/dashboard/:path*"), "/api/summarize"))
        .isFalse();
  }

  @Test
  void regexGroupsMatchLikeNextJs() {
    var all = List.of("/((?!_next/static|_next/image|favicon.ico).*)");
    assertThat(Limits.covers(all, "/api/chat")).isTrue();
    assertThat(Limits.covers(all, "/_next/static/chunk.js")).isFalse();
  }

  @Test
  void readsMatchersFromTheConfigExportOnly() {
    var module =
        JsModule.parse(
            "middleware.ts",
            """
            // matcher: ["/nothing"] in a comment is not code
            export const config = {
              matcher: ["/api/:path*", { source: "/admin/:path*", has: [{ type: "header", key: "x" }] }],
            };
            """);
    assertThat(Limits.matchers(module)).containsExactly("/api/:path*", "/admin/:path*");
  }

  @Test
  void aSingleStringMatcherIsRead() {
    var module =
        JsModule.parse("middleware.ts", "export const config = { matcher: '/api/:path*' };");
    assertThat(Limits.matchers(module)).containsExactly("/api/:path*");
  }
}
