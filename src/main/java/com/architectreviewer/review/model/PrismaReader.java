package com.architectreviewer.review.model;

import com.architectreviewer.review.js.JsModule;
import com.architectreviewer.review.js.TokenKind;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Reads Prisma datasources from schema files and {@code prisma.config.ts}. */
final class PrismaReader {

  private static final Pattern SETTING =
      Pattern.compile(
          "^\\s*(\\w+)\\s*=\\s*(?:env\\(\\s*\"([^\"]+)\"\\s*\\)|\"([^\"]*)\")", Pattern.MULTILINE);

  private PrismaReader() {}

  static List<PrismaDatasource> schema(String file, String text) {
    var result = new ArrayList<PrismaDatasource>();
    var lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      var line = stripComment(lines[i]).strip();
      if (!line.startsWith("datasource ") || !line.endsWith("{")) {
        continue;
      }
      int start = i;
      String provider = "";
      PrismaDatasource.Setting url = null;
      PrismaDatasource.Setting direct = null;
      for (i = i + 1; i < lines.length && !stripComment(lines[i]).strip().startsWith("}"); i++) {
        var m = SETTING.matcher(stripComment(lines[i]));
        if (!m.find()) {
          continue;
        }
        var setting =
            new PrismaDatasource.Setting(
                m.group(2) == null ? "" : m.group(2), m.group(3) == null ? "" : m.group(3), i + 1);
        switch (m.group(1)) {
          case "provider" -> provider = setting.literal();
          case "url" -> url = setting;
          case "directUrl" -> direct = setting;
          default -> {}
        }
      }
      result.add(new PrismaDatasource(file, start + 1, provider, url, direct));
    }
    return result;
  }

  private static String stripComment(String line) {
    int c = line.indexOf("//");
    return c < 0 ? line : line.substring(0, c);
  }

  /** {@code datasource: { url: env('X'), directUrl: ... }} in a prisma.config.ts. */
  static List<PrismaDatasource> config(JsModule module) {
    var t = module.tokens();
    for (int i = 0; i + 2 < t.size(); i++) {
      if (t.get(i).isIdent("datasource") && t.get(i + 1).isPunct(":") && t.get(i + 2).is("{")) {
        PrismaDatasource.Setting url = null;
        PrismaDatasource.Setting direct = null;
        int depth = 0;
        for (int k = i + 2; k < t.size(); k++) {
          var tk = t.get(k);
          if (tk.isPunct("{")) {
            depth++;
          } else if (tk.isPunct("}") && --depth == 0) {
            break;
          } else if (depth == 1 && tk.isIdent() && k + 1 < t.size() && t.get(k + 1).is(":")) {
            var setting = settingAt(module, k + 2);
            if (tk.text().equals("url")) {
              url = setting;
            } else if (tk.text().equals("directUrl")) {
              direct = setting;
            }
          }
        }
        return List.of(new PrismaDatasource(module.file(), t.get(i).line(), "", url, direct));
      }
    }
    return List.of();
  }

  private static PrismaDatasource.Setting settingAt(JsModule module, int k) {
    var t = module.tokens();
    if (k >= t.size()) {
      return null;
    }
    int line = t.get(k).line();
    // env('X') | process.env.X | 'literal'
    if (t.get(k).isIdent("env") && k + 2 < t.size() && t.get(k + 2).kind() == TokenKind.STRING) {
      return new PrismaDatasource.Setting(t.get(k + 2).text(), "", line);
    }
    if (t.get(k).isIdent("process") && k + 4 < t.size() && t.get(k + 2).isIdent("env")) {
      return new PrismaDatasource.Setting(t.get(k + 4).text(), "", line);
    }
    if (t.get(k).kind() == TokenKind.STRING) {
      return new PrismaDatasource.Setting("", t.get(k).text(), line);
    }
    return new PrismaDatasource.Setting("", "", line);
  }
}
