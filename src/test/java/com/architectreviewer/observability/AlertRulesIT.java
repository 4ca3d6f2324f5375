package com.architectreviewer.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.architectreviewer.testsupport.ExternalTool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The alert rules in deploy/prometheus are valid and fire exactly when their unit tests say. */
class AlertRulesIT {

  private static final Path RULES_DIR = Path.of("deploy", "prometheus");

  @Test
  void alertRulesAreValid() throws Exception {
    var result = promtool("check", "rules", "alerts.yml");
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS");
  }

  @Test
  void alertRulesPassTheirUnitTests() throws Exception {
    var result = promtool("test", "rules", "alerts.test.yml");
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS");
  }

  private record Result(int exitCode, String output) {}

  private static Result promtool(String... args) throws Exception {
    Path promtool = ExternalTool.require("promtool", "prometheus");
    var command = new java.util.ArrayList<>(List.of(promtool.toString()));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).directory(RULES_DIR.toFile()).redirectErrorStream(true).start();
    boolean finished = process.waitFor(60, TimeUnit.SECONDS);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!finished) {
      process.destroyForcibly();
      throw new AssertionError("promtool did not finish within 60 s: " + output);
    }
    return new Result(process.exitValue(), output);
  }
}
