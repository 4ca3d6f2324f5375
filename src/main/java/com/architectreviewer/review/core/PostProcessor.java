package com.architectreviewer.review.core;

import com.architectreviewer.review.Finding;
import com.architectreviewer.review.SuppressedFinding;
import com.architectreviewer.review.js.Lines;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Turns raw findings into reported ones: redacts secrets, computes fingerprints, applies inline
 * {@code reviewer-ignore} comments and {@code .reviewer.yml} entries, sorts.
 */
public final class PostProcessor {

  private static final Pattern INLINE =
      Pattern.compile(
          "(?://|#|/\\*|\\{/\\*|--|<!--)\\s*reviewer-ignore\\s+"
              + "((?:[A-Z]+-[A-Z]+-\\d{3}|\\*)(?:\\s*,\\s*[A-Z]+-[A-Z]+-\\d{3})*)\\s*(?::\\s*(.*?))?\\s*(?:\\*/\\}?|-->)?\\s*$");

  /** Findings sorted worst first, then by file and position. */
  public static final Comparator<Finding> ORDER =
      Comparator.comparing(Finding::severity)
          .thenComparing(Finding::file)
          .thenComparingInt(Finding::startLine)
          .thenComparingInt(Finding::startColumn)
          .thenComparing(Finding::rule);

  /** Outcome: active and suppressed findings. */
  public record Result(List<Finding> findings, List<SuppressedFinding> suppressed) {}

  private final ReviewConfig config;
  private final Function<String, Optional<String>> text;

  public PostProcessor(ReviewConfig config, Function<String, Optional<String>> text) {
    this.config = config;
    this.text = text;
  }

  public Result process(List<Finding> raw) {
    var redacted = new ArrayList<Finding>(raw.size());
    for (var f : raw) {
      redacted.add(f.withText(Redactor.redact(f.snippet()), Redactor.redact(f.message())));
    }
    redacted.sort(
        Comparator.comparing(Finding::rule)
            .thenComparing(Finding::file)
            .thenComparingInt(Finding::startLine)
            .thenComparingInt(Finding::startColumn));
    var occurrences = new HashMap<String, Integer>();
    var active = new ArrayList<Finding>();
    var suppressed = new ArrayList<SuppressedFinding>();
    for (var f : redacted) {
      var key = f.rule() + '\u0000' + f.file() + '\u0000' + normalise(f.snippet());
      int n = occurrences.merge(key, 1, Integer::sum);
      var finding = f.withFingerprint(fingerprint(key + '\u0000' + n));
      var inline = inlineSuppression(finding);
      if (inline.isPresent()) {
        suppressed.add(new SuppressedFinding(finding, "inSource", inline.get()));
        continue;
      }
      var entry = config.ignores().stream().filter(e -> e.matches(f.rule(), f.file())).findFirst();
      if (entry.isPresent()) {
        suppressed.add(new SuppressedFinding(finding, "external", entry.get().reason()));
        continue;
      }
      active.add(finding);
    }
    active.sort(ORDER);
    suppressed.sort(Comparator.comparing(SuppressedFinding::finding, ORDER));
    return new Result(active, suppressed);
  }

  private Optional<String> inlineSuppression(Finding f) {
    var source = text.apply(f.file()).orElse(null);
    if (source == null) {
      return Optional.empty();
    }
    for (int line : new int[] {f.startLine(), f.startLine() - 1}) {
      if (line < 1) {
        continue;
      }
      var m = INLINE.matcher(Lines.line(source, line));
      if (m.find()) {
        for (var id : m.group(1).split(",")) {
          var rule = id.strip();
          if (rule.equals(f.rule()) || rule.equals("*")) {
            return Optional.of(m.group(2) == null ? "" : m.group(2).strip());
          }
        }
      }
    }
    return Optional.empty();
  }

  private static String normalise(String snippet) {
    return snippet.replaceAll("\\s+", " ").strip();
  }

  private static String fingerprint(String key) {
    try {
      var digest =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
