package com.architectreviewer.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Copies the review engine's fixture apps ({@code src/test/resources/fixtures/NAME}) into a fresh
 * folder under {@link LlmPlatformInitializer#INGEST_SOURCES}, so a test can ingest them as a
 * server-side portfolio.
 */
public final class FixtureRepositories {

  private static final Path FIXTURES = Path.of("src", "test", "resources", "fixtures");

  private FixtureRepositories() {}

  /** A new folder holding a copy of each named fixture; returns its absolute real path. */
  public static Path portfolio(List<String> fixtures) {
    try {
      Path folder =
          Files.createDirectories(
              LlmPlatformInitializer.INGEST_SOURCES.resolve("portfolio-" + UUID.randomUUID()));
      for (String fixture : fixtures) {
        copy(FIXTURES.resolve(fixture), folder.resolve(fixture));
      }
      return folder.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    if (!Files.isDirectory(from)) {
      throw new IllegalArgumentException("No fixture " + from);
    }
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
  }
}
