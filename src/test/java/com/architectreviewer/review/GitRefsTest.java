package com.architectreviewer.review;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Branch and tag names by git's check-ref-format rules, plus ours. */
class GitRefsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "main",
        "release/2.x",
        "v1.2.3",
        "feature/JIRA-12_fix",
        "user@work",
        "a+b",
        "refs/heads/main",
        "refs/tags/v1"
      })
  void acceptsBranchAndTagNames(String ref) {
    assertThat(GitRefs.problem(ref)).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "a..b",
        "a b",
        "a\tb",
        "a~1",
        "a^",
        "a:b",
        "a?",
        "a*",
        "a[1]",
        "a\\b",
        "a//b",
        "/a",
        "a/",
        "a.",
        ".hidden",
        "a/.b",
        "a.lock",
        "a/b.lock/c",
        "@",
        "a@{1}",
        "-rf",
        "HEAD",
        "refs/remotes/origin/main",
        "refs/pull/1/head",
        "naïve",
        "a\u0000b"
      })
  void refusesWhatGitRefuses(String ref) {
    assertThat(GitRefs.problem(ref)).as(ref).isNotNull();
  }

  @org.junit.jupiter.api.Test
  void refusesOverlongNames() {
    assertThat(GitRefs.problem("a".repeat(GitRefs.MAX_LENGTH))).isNull();
    assertThat(GitRefs.problem("a".repeat(GitRefs.MAX_LENGTH + 1))).contains("at most");
  }
}
