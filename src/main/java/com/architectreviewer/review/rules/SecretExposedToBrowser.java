package com.architectreviewer.review.rules;

import com.architectreviewer.review.Rule;
import com.architectreviewer.review.Severity;
import com.architectreviewer.review.js.JsModule;
import com.architectreviewer.review.js.TokenKind;
import com.architectreviewer.review.model.ProjectModel;
import com.architectreviewer.review.secrets.EnvFiles;
import com.architectreviewer.review.secrets.SecretNames;
import java.util.HashSet;
import java.util.Set;

/** AR-SEC-002: a secret behind a client-exposed prefix, or an LLM SDK allowed in the browser. */
final class SecretExposedToBrowser implements Check {

  static final Rule RULE =
      Rule.of(
          "AR-SEC-002",
          "Secret exposed to the browser",
          Severity.CRITICAL,
          "Bundlers inline every NEXT_PUBLIC_/VITE_/REACT_APP_/EXPO_PUBLIC_ value into the"
              + " JavaScript sent to every visitor. A service_role key bypasses row-level security,"
              + " a provider key is the cost explosion the seed's rate limits (section 5) exist to"
              + " prevent, with nothing left to limit.",
          "Keep the secret on the server and give the browser a route:\n"
              + "  OPENAI_API_KEY=...            # .env.local, no NEXT_PUBLIC_ prefix\n"
              + "  const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY }); //"
              + " app/api/chat/route.ts\n"
              + "  await fetch('/api/chat', { method: 'POST', body }); // the client component\n"
              + "Import 'server-only' in modules holding server secrets, then rotate the exposed"
              + " key.");

  @Override
  public Rule rule() {
    return RULE;
  }

  @Override
  public void run(ProjectModel model, Findings findings) {
    for (var module : model.modules()) {
      inCode(module, findings);
    }
    for (var file : model.files()) {
      var name = file.substring(file.lastIndexOf('/') + 1);
      if (!(EnvFiles.isEnvFile(name) || EnvFiles.isTemplate(name))) {
        continue;
      }
      var text = model.text(file);
      if (text.isEmpty()) {
        continue;
      }
      for (var entry : EnvFiles.parse(text.get())) {
        var prefix = SecretNames.clientPrefix(entry.name());
        if (prefix.isPresent()
            && SecretNames.mustStayOnServer(entry.name().substring(prefix.get().length()))) {
          findings.add(
              RULE,
              Location.line(file, entry.line()),
              "`"
                  + file
                  + "` declares `"
                  + entry.name()
                  + "`: the `"
                  + prefix.get()
                  + "` prefix makes the bundler ship this secret to every browser");
        }
      }
    }
  }

  private static void inCode(JsModule m, Findings findings) {
    var source = m.source();
    if (!(source.contains("PUBLIC_")
        || source.contains("VITE_")
        || source.contains("REACT_APP_")
        || source.contains("GATSBY_")
        || source.contains("dangerouslyAllowBrowser"))) {
      return;
    }
    var t = m.tokens();
    Set<Integer> lines = new HashSet<>();
    for (int k = 0; k + 2 < t.size(); k++) {
      var tk = t.get(k);
      if (tk.isIdent("dangerouslyAllowBrowser")
          && t.get(k + 1).isPunct(":")
          && t.get(k + 2).isIdent("true")) {
        findings.add(
            RULE,
            Location.ofToken(m, k),
            "`"
                + m.file()
                + "` sets `dangerouslyAllowBrowser: true`: the LLM client runs in the browser, so"
                + " its API key is in every visitor's hands");
        continue;
      }
      if (!tk.isIdent("env") || !t.get(k - 1).isPunct(".")) {
        continue;
      }
      int nameAt = -1;
      if (t.get(k + 1).isPunct(".") && t.get(k + 2).isIdent()) {
        nameAt = k + 2;
      } else if (t.get(k + 1).isPunct("[") && t.get(k + 2).kind() == TokenKind.STRING) {
        nameAt = k + 2;
      }
      if (nameAt < 0) {
        continue;
      }
      var name = t.get(nameAt).text();
      var prefix = SecretNames.clientPrefix(name);
      if (prefix.isEmpty()
          || !SecretNames.mustStayOnServer(name.substring(prefix.get().length()))
          || !lines.add(t.get(nameAt).line())) {
        continue;
      }
      findings.add(
          RULE,
          Location.ofToken(m, nameAt),
          "`"
              + m.file()
              + "` reads `"
              + name
              + "`: the `"
              + prefix.get()
              + "` prefix makes the bundler inline this secret into the browser bundle");
    }
  }
}
