package com.architectreviewer.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the engine on every fixture under {@code src/test/resources/fixtures/}: a folder holding an
 * {@code expected.json} ({@code [{"rule": "AR-DB-001", "file": "app/api/x/route.ts", "line": 5}]})
 * is a fixture. Any missing or extra finding fails it. New fixtures are picked up automatically.
 */
class FixturesTest {

  static final Path FIXTURES = Path.of("src/test/resources/fixtures");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TestFactory
  Stream<DynamicTest> everyFixtureReportsExactlyItsExpectedFindings() throws IOException {
    var fixtures = fixtures();
    assertThat(fixtures).as("fixtures under " + FIXTURES).isNotEmpty();
    return fixtures.stream()
        .map(dir -> DynamicTest.dynamicTest(FIXTURES.relativize(dir).toString(), () -> check(dir)));
  }

  static List<Path> fixtures() throws IOException {
    try (var walk = Files.walk(FIXTURES)) {
      return walk.filter(p -> p.getFileName().toString().equals("expected.json"))
          .map(Path::getParent)
          .sorted()
          .toList();
    }
  }

  private static void check(Path dir) throws IOException {
    var expected = new TreeSet<String>();
    for (var item : JSON.readTree(Files.readString(dir.resolve("expected.json")))) {
      expected.add(
          item.path("rule").asString()
              + " "
              + item.path("file").asString()
              + ":"
              + item.path("line").asInt());
    }
    var report =
        new ReviewEngine()
            .review(dir, ReviewOptions.defaults().withThreads(2), ReviewListener.NONE);
    var actual = new TreeSet<String>();
    var details = new ArrayList<String>();
    for (var f : report.findings()) {
      actual.add(f.rule() + " " + f.file() + ":" + f.startLine());
      details.add(f.rule() + " " + f.file() + ":" + f.startLine() + " — " + f.message());
    }
    assertThat(actual)
        .as("findings of %s:%n%s", dir, String.join("\n", details))
        .isEqualTo(expected);
  }
}
