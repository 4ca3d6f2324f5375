package com.architectreviewer.review.rules;

import com.architectreviewer.review.Rule;
import com.architectreviewer.review.Severity;
import com.architectreviewer.review.model.ProjectModel;
import com.architectreviewer.review.secrets.EnvFiles;
import com.architectreviewer.review.secrets.Secrets;
import java.util.Set;

/**
 * AR-SEC-004: a credential written into a source, config or documentation file, recognised by its
 * format and entropy. The message names the kind only; the engine's redaction and {@link
 * Secrets#redact} keep the value out of every output.
 */
final class HardcodedCredential implements Check {

  static final Rule RULE =
      Rule.of(
          "AR-SEC-004",
          "Hard-coded credential",
          Severity.CRITICAL,
          "A key in the code is in every clone, CI log, fork and image layer built from it, and"
              + " scrapers find public ones within minutes. It bypasses the seed's route"
              + " protections (rate limits, validation, section 5) entirely, and a leaked database"
              + " password bypasses the pooler and connection limits of the P1017 case study.",
          "Read it from the environment and rotate the leaked one:\n"
              + "  const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });\n"
              + "Removing it from the code does not remove it from git history: revoke it at the"
              + " provider and store the new value in the platform's secret settings.");

  private static final Set<String> LOCKFILES =
      Set.of("package-lock.json", "yarn.lock", "pnpm-lock.yaml", "bun.lock", "npm-shrinkwrap.json");

  @Override
  public Rule rule() {
    return RULE;
  }

  @Override
  public void run(ProjectModel model, Findings findings) {
    for (var file : model.files()) {
      var name = file.substring(file.lastIndexOf('/') + 1);
      if (EnvFiles.isEnvFile(name) || LOCKFILES.contains(name)) {
        continue;
      }
      var text = model.text(file);
      if (text.isEmpty()) {
        continue;
      }
      var source = text.get();
      int line = 1;
      int lineStart = 0;
      int at = 0;
      for (var match : Secrets.find(source)) {
        for (; at < match.start(); at++) {
          if (source.charAt(at) == '\n') {
            line++;
            lineStart = at + 1;
          }
        }
        int column = match.start() - lineStart + 1;
        findings.add(
            RULE,
            new Location(file, line, column, line, column + (match.end() - match.start())),
            "Hard-coded "
                + match.kind().label()
                + " in `"
                + file
                + "` ("
                + match.redacted()
                + "): revoke it, read it from the environment, and keep the new one out of the"
                + " repository");
      }
    }
  }
}
