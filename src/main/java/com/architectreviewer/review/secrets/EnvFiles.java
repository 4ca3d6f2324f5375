package com.architectreviewer.review.secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Env files ({@code .env}, {@code .env.local}, {@code .env.production}...): which files are env
 * files, their entries, and which values are real secrets rather than placeholders.
 */
public final class EnvFiles {

  private static final Pattern ENTRY =
      Pattern.compile("^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_.]*)\\s*=\\s*(.*)$");
  private static final List<String> TEMPLATE_SUFFIXES =
      List.of("example", "sample", "template", "dist", "defaults", "schema");

  private EnvFiles() {}

  /** True for {@code .env} and {@code .env.*} files that hold real configuration. */
  public static boolean isEnvFile(String fileName) {
    return (fileName.equals(".env") || fileName.startsWith(".env.")) && !isTemplate(fileName);
  }

  /**
   * True for env templates meant to be committed ({@code .env.example}, {@code .env.sample}...).
   */
  public static boolean isTemplate(String fileName) {
    if (!fileName.startsWith(".env.")) {
      return false;
    }
    var lower = fileName.toLowerCase(Locale.ROOT);
    return TEMPLATE_SUFFIXES.stream().anyMatch(lower::contains);
  }

  /** The entries of an env file, in order; comments and blank lines are skipped. */
  public static List<EnvEntry> parse(String text) {
    var entries = new ArrayList<EnvEntry>();
    var lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      var line = lines[i];
      if (line.stripLeading().startsWith("#")) {
        continue;
      }
      var m = ENTRY.matcher(line);
      if (m.matches()) {
        entries.add(new EnvEntry(m.group(1), unquote(m.group(2)), i + 1));
      }
    }
    return entries;
  }

  /**
   * True when the entry holds a real secret: a value with a known credential format, or a
   * non-placeholder random-looking value (or a connection URL with a real password) under a
   * secret-like name.
   */
  public static boolean holdsRealSecret(EnvEntry entry) {
    var value = entry.value();
    if (!Secrets.find(value).isEmpty()) {
      return true;
    }
    if (!SecretNames.isSecretLike(entry.name()) || Placeholders.isPlaceholder(value)) {
      return false;
    }
    if (value.contains("://")) {
      return false;
    }
    return value.length() >= 12 && Entropy.bitsPerChar(value) >= 3.0;
  }

  private static String unquote(String raw) {
    var v = raw.strip();
    if (v.length() >= 2
        && (v.charAt(0) == '"' || v.charAt(0) == '\'' || v.charAt(0) == '`')
        && v.indexOf(v.charAt(0), 1) > 0) {
      return v.substring(1, v.indexOf(v.charAt(0), 1));
    }
    int comment = v.indexOf(" #");
    return comment >= 0 ? v.substring(0, comment).strip() : v;
  }
}
