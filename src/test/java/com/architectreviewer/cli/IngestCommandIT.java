package com.architectreviewer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.architectreviewer.security.ApiKeys;
import com.architectreviewer.security.Caller;
import com.architectreviewer.testsupport.FixtureRepositories;
import com.architectreviewer.testsupport.LlmPlatformTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import picocli.CommandLine;

/** {@code reviewer ingest MANIFEST --server URL} against a running platform. */
@LlmPlatformTest
class IngestCommandIT {

  @LocalServerPort int port;
  @Autowired ApiKeys apiKeys;
  @TempDir Path temp;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void ingestsAManifestWithAProgressBarAndPrintsEachOutcome() throws Exception {
    String key =
        apiKeys.createKey(apiKeys.ensureTenant("cli-" + UUID.randomUUID()), Caller.Role.MEMBER);
    Path folder =
        FixtureRepositories.portfolio(
            List.of("db-001-app-router", "ar-ai-001-express", "ar-sec-004-hardcoded"));
    Path manifest = temp.resolve("portfolio.yaml");
    Files.writeString(
        manifest,
        """
        repositories:
          - name: shop
            path: %1$s/db-001-app-router
            tags: [nextjs]
          - name: chat
            path: %1$s/ar-ai-001-express
          - name: keys
            path: %1$s/ar-sec-004-hardcoded
        """
            .formatted(folder));

    int exit =
        run(
            Map.of("REVIEWER_API_KEY", key),
            manifest.toString(),
            "--server",
            "http://127.0.0.1:" + port);

    assertThat(exit).as(err()).isEqualTo(IngestCommand.ALL_SCANNED);
    assertThat(out())
        .contains("succeeded")
        .contains("shop")
        .contains("chat")
        .contains("keys")
        .contains("/api/v1/scans/");
    assertThat(err()).contains("[##############################] 100%").contains("3 repositories");
    assertThat(err() + out()).doesNotContain(key);
  }

  @Test
  void aRefusedManifestIsOneLineAndExitCodeTwo() throws Exception {
    String key =
        apiKeys.createKey(apiKeys.ensureTenant("cli-" + UUID.randomUUID()), Caller.Role.MEMBER);
    Path manifest = temp.resolve("bad.json");
    Files.writeString(manifest, "{\"urls\":[\"ftp://example.com/x.git\"]}");

    int exit =
        run(
            Map.of("REVIEWER_API_KEY", key),
            manifest.toString(),
            "--server",
            "http://127.0.0.1:" + port);

    assertThat(exit).isEqualTo(IngestCommand.USAGE);
    assertThat(err()).startsWith("reviewer ingest: the server answered 400").contains("urls[0]");
    assertThat(err().strip().lines()).hasSize(1);
  }

  @Test
  void usageErrorsAreOneLineAndExitCodeTwo() throws Exception {
    Path manifest = temp.resolve("m.yaml");
    Files.writeString(manifest, "urls: [https://example.com/a.git]\n");
    String server = "http://127.0.0.1:" + port;

    assertThat(run(Map.of(), manifest.toString(), "--server", server)).isEqualTo(2);
    assertThat(err()).contains("REVIEWER_API_KEY");
    assertThat(
            run(
                Map.of("REVIEWER_API_KEY", "rvw_x_y"),
                temp.resolve("none.yaml").toString(),
                "--server",
                server))
        .isEqualTo(2);
    assertThat(err()).contains("no manifest at");
    assertThat(
            run(Map.of("REVIEWER_API_KEY", "rvw_x_y"), manifest.toString(), "--server", "ftp://x"))
        .isEqualTo(2);
    assertThat(err()).contains("--server must be an http(s) URL");
    assertThat(run(Map.of("REVIEWER_API_KEY", "rvw_x_y"), manifest.toString(), "--server", server))
        .isEqualTo(2);
    assertThat(err()).contains("the server answered 401");
  }

  @Test
  void helpNamesTheOptionsAndTheEnvironment() {
    var help = new CommandLine(new IngestCommand()).getUsageMessage();
    assertThat(help)
        .contains("--server")
        .contains("REVIEWER_API_KEY")
        .contains("MANIFEST")
        .contains("Exit codes");
    assertThat(Main.commandLine().getSubcommands()).containsKey("ingest");
  }

  private int run(Map<String, String> env, String... args) {
    out.reset();
    err.reset();
    var command =
        new IngestCommand(
            env,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new CommandLine(command).execute(args);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
