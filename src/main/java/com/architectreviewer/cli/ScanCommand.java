package com.architectreviewer.cli;

import com.architectreviewer.advisories.AdvisoryIndex;
import com.architectreviewer.advisories.LocalAdvisoryStore;
import com.architectreviewer.review.Baseline;
import com.architectreviewer.review.CloneFailed;
import com.architectreviewer.review.ConfigInvalid;
import com.architectreviewer.review.DependencyAdvisories;
import com.architectreviewer.review.RemoteSource;
import com.architectreviewer.review.ReportFormats;
import com.architectreviewer.review.ReviewEngine;
import com.architectreviewer.review.ReviewListener;
import com.architectreviewer.review.ReviewOptions;
import com.architectreviewer.review.ReviewReport;
import com.architectreviewer.review.RootNotReadable;
import com.architectreviewer.review.Severity;
import com.architectreviewer.review.UrlGuard;
import com.architectreviewer.review.UrlRefused;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code reviewer scan}: the review engine on a folder or a git URL, without Spring. */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description = {
      "Reviews a folder or a git repository and prints the findings.",
      "Exit code: 0 when no finding is at or above --fail-on, 1 when one is, 2 for usage or input"
          + " errors."
    },
    footerHeading = "%nEnvironment:%n",
    footer = {
      "  NO_COLOR             set to disable colour on a terminal",
      "  REVIEWER_ADVISORIES  advisory folder for AR-DEP-001 (default ~/.reviewer/advisories)",
      "  (no other variable is read: scan needs no database and starts no server)"
    })
final class ScanCommand implements Callable<Integer> {

  static final int OK = 0;
  static final int FINDINGS = 1;
  static final int INPUT_ERROR = 2;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "PATH|GIT_URL",
      description = "Folder or git URL to review.")
  String target;

  @Option(
      names = {"-f", "--format"},
      defaultValue = "text",
      description = "Output format: text, json or sarif (default: text).")
  String format;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write the report to FILE instead of standard output.")
  Path output;

  @Option(
      names = "--fail-on",
      defaultValue = "high",
      paramLabel = "SEVERITY",
      description =
          "Exit 1 when a finding is at or above: critical, high, medium, low, info (default: high).")
  String failOn;

  @Option(
      names = "--baseline",
      paramLabel = "FILE",
      description = "Report only findings not in this baseline.")
  Path baseline;

  @Option(
      names = "--update-baseline",
      description = "Write the current findings to the --baseline FILE (exit 0).")
  boolean updateBaseline;

  @Option(
      names = {"-q", "--quiet"},
      description = "No progress on standard error.")
  boolean quiet;

  @Option(names = "--no-color", description = "Never colour the text output.")
  boolean noColor;

  @Option(
      names = "--stats",
      description = "Print throughput (files/s, MB/s) and peak heap on standard error.")
  boolean stats;

  @Option(
      names = "--max-file-size",
      paramLabel = "BYTES",
      defaultValue = "1048576",
      description = "Skip source files larger than this (default: 1048576).")
  long maxFileSize;

  @Option(
      names = "--advisories",
      paramLabel = "DIR",
      defaultValue = "${env:REVIEWER_ADVISORIES}",
      description =
          "OSV advisories imported by `reviewer advisories import` (default: REVIEWER_ADVISORIES"
              + " or ~/.reviewer/advisories).")
  Path advisories;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Analysis threads (default: number of cores).")
  Integer threads;

  @Option(
      names = "--allow-insecure-git",
      description = "Accept http, git, ssh and file repository URLs (default: https only).")
  boolean allowInsecureGit;

  @Option(
      names = "--allow-private-hosts",
      description =
          "Accept repository hosts on loopback, private, link-local or metadata addresses"
              + " (refused by default).")
  boolean allowPrivateHosts;

  @Option(
      names = "--ref",
      paramLabel = "BRANCH|TAG",
      description =
          "With a git URL: the branch or tag to review (default: the remote's default branch).")
  String ref;

  @Option(
      names = "--clone-timeout",
      paramLabel = "SECONDS",
      defaultValue = "120",
      description = "Give up cloning after this long (default: 120).")
  long cloneTimeout;

  @Option(
      names = "--max-clone-size",
      paramLabel = "MB",
      defaultValue = "500",
      description = "Give up when the clone grows over this size (default: 500).")
  long maxCloneMegabytes;

  @Override
  public Integer call() {
    var err = spec.commandLine().getErr();
    try {
      var format = ReportFormats.Format.parse(this.format);
      var threshold = Severity.parse(failOn);
      if (updateBaseline && baseline == null) {
        throw new IllegalArgumentException("--update-baseline needs --baseline FILE");
      }
      if (cloneTimeout <= 0 || maxCloneMegabytes <= 0) {
        throw new IllegalArgumentException("--clone-timeout and --max-clone-size must be positive");
      }
      if (ref != null && !UrlGuard.looksLikeUrl(target)) {
        throw new IllegalArgumentException("--ref applies to git URLs only");
      }
      if (maxFileSize <= 0) {
        throw new IllegalArgumentException("--max-file-size must be positive");
      }
      var report = review(err);
      if (updateBaseline) {
        Baseline.of(report).write(baseline);
        if (!quiet) {
          err.println(
              "baseline written: " + report.findings().size() + " finding(s) in " + baseline);
        }
        return OK;
      }
      if (baseline != null) {
        report = Baseline.read(baseline).filter(report);
      }
      if (stats) {
        err.println(ScanStats.line(report));
      }
      write(report, format);
      return report.hasFindingsAtLeast(threshold) ? FINDINGS : OK;
    } catch (IllegalArgumentException
        | RootNotReadable
        | ConfigInvalid
        | UrlRefused
        | CloneFailed e) {
      err.println("reviewer scan: " + e.getMessage());
      return INPUT_ERROR;
    } catch (IOException e) {
      err.println("reviewer scan: cannot write output: " + e.getMessage());
      return INPUT_ERROR;
    }
  }

  private ReviewReport review(PrintWriter err) {
    if (UrlGuard.looksLikeUrl(target)) {
      var guard = new UrlGuard(new UrlGuard.Policy(allowInsecureGit, allowPrivateHosts));
      var limits =
          new RemoteSource.Limits(
              Duration.ofSeconds(cloneTimeout), maxCloneMegabytes * 1024 * 1024);
      if (!quiet && Terminal.interactive()) {
        err.print("cloning " + UrlGuard.display(java.net.URI.create(target.strip())) + " …");
        err.flush();
      }
      try (var checkout = new RemoteSource(guard, limits).fetch(target, ref)) {
        if (!quiet && Terminal.interactive()) {
          err.print("\r\u001b[2K");
        }
        return reviewFolder(checkout.dir(), err).withRoot(checkout.display());
      }
    }
    return reviewFolder(Path.of(target), err);
  }

  private ReviewReport reviewFolder(Path folder, PrintWriter err) {
    var options = ReviewOptions.defaults().withMaxFileBytes(maxFileSize);
    if (threads != null) {
      options = options.withThreads(threads);
    }
    var listener =
        !quiet && Terminal.interactive() ? new ProgressPrinter(err) : ReviewListener.NONE;
    var report = engine().review(folder, options, listener);
    if (listener instanceof ProgressPrinter printer) {
      printer.finish();
    }
    return report;
  }

  /** The engine with the dependency advisories of the local store as an extra source. */
  private ReviewEngine engine() {
    var store =
        LocalAdvisoryStore.at(
            advisories == null ? LocalAdvisoryStore.defaultFolder() : advisories,
            java.time.Clock.systemUTC());
    AdvisoryIndex index;
    try {
      index = store.load();
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "advisory store " + store.folder() + " is not readable (" + e.getMessage() + ")");
    }
    return new ReviewEngine()
        .withSource(new DependencyAdvisories(index, store.folder().toString()));
  }

  private void write(ReviewReport report, ReportFormats.Format format) throws IOException {
    boolean colour =
        output == null && !noColor && System.getenv("NO_COLOR") == null && Terminal.interactive();
    var text = ReportFormats.render(report, format, colour);
    if (output != null) {
      var parent = output.toAbsolutePath().getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        throw new IllegalArgumentException("output folder " + parent + " does not exist");
      }
      Files.writeString(output, text, StandardCharsets.UTF_8);
    } else {
      var out = spec.commandLine().getOut();
      out.print(text);
      out.flush();
    }
  }

  /** Progress on standard error, one rewritten line. */
  static final class ProgressPrinter implements ReviewListener {
    private final PrintWriter err;
    private volatile long lastPrint;

    ProgressPrinter(PrintWriter err) {
      this.err = err;
    }

    @Override
    public synchronized void progress(Stage stage, int done, int total) {
      long now = System.nanoTime();
      if (now - lastPrint < 100_000_000L && done != total) {
        return;
      }
      lastPrint = now;
      var label =
          switch (stage) {
            case INDEXING -> "indexed " + done + " files";
            case ANALYSING -> "analysed " + done + "/" + total + " source files";
            case CHECKING -> "rules " + done + "/" + total;
            case EXTRA_SOURCES -> "extra sources " + done + "/" + total;
            case DONE -> "done";
          };
      err.print("\r\u001b[2K" + label);
      err.flush();
    }

    void finish() {
      err.print("\r\u001b[2K");
      err.flush();
    }
  }
}
