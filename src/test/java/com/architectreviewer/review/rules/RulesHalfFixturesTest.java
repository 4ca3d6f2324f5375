package com.architectreviewer.review.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.architectreviewer.review.ReviewEngine;
import com.architectreviewer.review.ReviewListener;
import com.architectreviewer.review.ReviewOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.ObjectMapper;

/**
 * Runs every fixture of the rules half ({@code ar-job-*}, {@code ar-ai-*}, {@code ar-sec-*}, {@code
 * ar-obs-*}) through the engine and compares that half's findings with {@code expected.json}: a
 * missing or an extra finding fails.
 */
class RulesHalfFixturesTest {

  private static final Path FIXTURES = Path.of("src/test/resources/fixtures");
  private static final Set<String> RULES =
      Set.copyOf(RulesHalfChecks.all().stream().map(c -> c.rule().id()).toList());

  static Stream<String> fixtures() throws IOException {
    try (var dirs = Files.list(FIXTURES)) {
      return dirs.map(p -> p.getFileName().toString())
          .filter(n -> n.matches("ar-(job|ai|sec|obs)-.*"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void findsExactlyTheExpectedFindings(String fixture) throws IOException {
    var root = FIXTURES.resolve(fixture);
    var report =
        new ReviewEngine().review(root, ReviewOptions.defaults().withThreads(1), ReviewListener.NONE);
    var actual = new TreeSet<String>();
    for (var f : report.findings()) {
      if (RULES.contains(f.rule())) {
        actual.add(f.rule() + " " + f.file() + ":" + f.line());
      }
    }
    var expected = new TreeSet<String>();
    var json = new ObjectMapper().readTree(Files.readString(root.resolve("expected.json")));
    for (var e : json) {
      var rule = e.get("rule").asString();
      if (RULES.contains(rule)) {
        expected.add(rule + " " + e.get("file").asString() + ":" + e.get("line").asInt());
      }
    }
    var messages =
        report.findings().stream()
            .filter(f -> RULES.contains(f.rule()))
            .map(f -> f.rule() + " " + f.file() + ":" + f.line() + " " + f.message())
            .toList();
    assertThat(actual).as("findings %s", String.join("\n", messages)).isEqualTo(expected);
  }

  static List<String> rules() {
    return List.copyOf(RULES);
  }
}
