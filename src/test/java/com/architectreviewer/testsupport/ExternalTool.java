package com.architectreviewer.testsupport;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds an external program a test needs (pgbouncer, promtool, chromium). Missing: the test is
 * skipped with a visible reason on a developer machine, and fails when {@code CI=true}, so CI can
 * never pass by skipping.
 */
public final class ExternalTool {

  private ExternalTool() {}

  /** The program's path; skips (or fails under CI) when it is not installed. */
  public static Path require(String program, String debianPackage) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String candidate : new String[] {dir, "/usr/sbin", "/usr/bin"}) {
        Path path = Path.of(candidate, program);
        if (Files.isExecutable(path)) {
          return path;
        }
      }
    }
    String reason =
        program + " is not installed (Debian package '" + debianPackage + "'; .ci/run installs it)";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError(reason + " — CI must not skip this test");
    }
    Assumptions.abort(reason);
    throw new AssertionError("unreachable");
  }
}
