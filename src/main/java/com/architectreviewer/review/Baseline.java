package com.architectreviewer.review;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accepted findings, by fingerprint: {@code --baseline FILE} reports only findings that are not in
 * it; {@code --update-baseline} writes the current findings into it.
 */
public final class Baseline {

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private final Set<String> fingerprints;
  private final List<Map<String, String>> entries;

  private Baseline(Set<String> fingerprints, List<Map<String, String>> entries) {
    this.fingerprints = Set.copyOf(fingerprints);
    this.entries = List.copyOf(entries);
  }

  /** The baseline accepting every active finding of {@code report}. */
  public static Baseline of(ReviewReport report) {
    var prints = new TreeSet<String>();
    var entries = new ArrayList<Map<String, String>>();
    for (var f : report.findings()) {
      if (prints.add(f.fingerprint())) {
        var entry = new LinkedHashMap<String, String>();
        entry.put("fingerprint", f.fingerprint());
        entry.put("rule", f.rule());
        entry.put("file", f.file());
        entries.add(entry);
      }
    }
    return new Baseline(prints, entries);
  }

  /**
   * Reads a baseline file.
   *
   * @throws ConfigInvalid when it is missing or malformed
   */
  public static Baseline read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigInvalid(
          "baseline " + file + " does not exist (create it with --update-baseline)");
    }
    try {
      var node = JSON.readTree(Files.readString(file));
      var findings = node.path("findings");
      if (!findings.isArray()) {
        throw new ConfigInvalid("baseline " + file + " has no 'findings' list");
      }
      var prints = new TreeSet<String>();
      var entries = new ArrayList<Map<String, String>>();
      for (var item : findings) {
        var fp = item.path("fingerprint").asString("");
        if (fp.isEmpty()) {
          throw new ConfigInvalid("baseline " + file + " has an entry without 'fingerprint'");
        }
        prints.add(fp);
        var entry = new LinkedHashMap<String, String>();
        entry.put("fingerprint", fp);
        entry.put("rule", item.path("rule").asString(""));
        entry.put("file", item.path("file").asString(""));
        entries.add(entry);
      }
      return new Baseline(prints, entries);
    } catch (IOException | JacksonException e) {
      throw new ConfigInvalid("baseline " + file + " is not valid JSON");
    }
  }

  /** Writes this baseline to {@code file}. */
  public void write(Path file) throws IOException {
    var doc = new LinkedHashMap<String, Object>();
    doc.put("version", 1);
    doc.put("tool", "architect-reviewer");
    doc.put("findings", entries);
    Files.writeString(file, JSON.writeValueAsString(doc) + "\n");
  }

  public Set<String> fingerprints() {
    return fingerprints;
  }

  /** {@code report} without the findings this baseline accepts. */
  public ReviewReport filter(ReviewReport report) {
    return report.withFindings(
        report.findings().stream().filter(f -> !fingerprints.contains(f.fingerprint())).toList());
  }
}
