package com.architectreviewer.review;

import com.architectreviewer.review.core.PostProcessor;
import com.architectreviewer.review.core.ReviewConfig;
import com.architectreviewer.review.model.ProjectModel;
import com.architectreviewer.review.model.ProjectModelBuilder;
import com.architectreviewer.review.rules.Check;
import com.architectreviewer.review.rules.Checks;
import com.architectreviewer.review.rules.Findings;
import com.architectreviewer.review.source.SourceWalker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The review engine: walks a folder, builds the project model, runs every rule and extra finding
 * source, and returns the report. Plain Java, thread-safe, reusable across reviews.
 *
 * <pre>
 * var report = new ReviewEngine().review(root, ReviewOptions.defaults(), ReviewListener.NONE);
 * ReportFormats.write(report, ReportFormats.Format.SARIF, writer, false);
 * </pre>
 */
public final class ReviewEngine {

  private final List<Check> checks;
  private final List<FindingSource> sources;

  /** The engine with the built-in rule pack. */
  public ReviewEngine() {
    this(Checks.all(), List.of());
  }

  private ReviewEngine(List<Check> checks, List<FindingSource> sources) {
    this.checks = List.copyOf(checks);
    this.sources = List.copyOf(sources);
  }

  /** A copy of this engine that also runs {@code source} after the rules (e.g. advisories). */
  public ReviewEngine withSource(FindingSource source) {
    var more = new ArrayList<>(sources);
    more.add(source);
    return new ReviewEngine(checks, more);
  }

  /** The rules this engine reports: built-in checks and extra sources. */
  public RuleCatalog catalog() {
    var rules = new ArrayList<Rule>();
    checks.forEach(c -> rules.add(c.rule()));
    sources.forEach(s -> rules.addAll(s.rules()));
    return new RuleCatalog(rules);
  }

  /**
   * Reviews the folder {@code root}.
   *
   * @throws RootNotReadable when {@code root} is not a readable folder
   * @throws ConfigInvalid when {@code .reviewer.yml} is malformed
   * @throws ReviewCancelled when {@code listener} asks to stop
   */
  public ReviewReport review(Path root, ReviewOptions options, ReviewListener listener) {
    var started = options.clock().instant();
    if (!Files.isDirectory(root)) {
      throw new RootNotReadable(
          Files.exists(root) ? root + " is not a folder" : root + " does not exist");
    }
    var config = options.readConfigFile() ? ReviewConfig.read(root) : ReviewConfig.empty();
    var tree = walk(root, options, listener);
    listener.progress(ReviewListener.Stage.INDEXING, tree.files().size(), tree.files().size());
    var model =
        new ProjectModelBuilder(options.threads())
            .build(
                tree,
                listener::isCancelled,
                (done, total) -> listener.progress(ReviewListener.Stage.ANALYSING, done, total))
            .orElseThrow(() -> new ReviewCancelled("analysis"));
    var raw = new Findings(model);
    int done = 0;
    for (var check : checks) {
      checkCancelled(listener, "rules");
      check.run(model, raw);
      listener.progress(ReviewListener.Stage.CHECKING, ++done, checks.size());
    }
    var findings = new ArrayList<>(raw.all());
    var notes = new ArrayList<String>();
    notes.addAll(deploymentNotes(model));
    var project =
        new FindingSource.Project(
            tree.root(),
            model.files(),
            model.apps().stream().map(a -> a.displayDir()).toList(),
            notes);
    int sourceIndex = 0;
    for (var source : sources) {
      checkCancelled(listener, "finding sources");
      findings.addAll(source.find(project, listener));
      listener.progress(ReviewListener.Stage.EXTRA_SOURCES, ++sourceIndex, sources.size());
    }
    var result = new PostProcessor(config, model::text).process(findings);
    long bytes = tree.files().stream().mapToLong(f -> f.size()).sum();
    listener.progress(ReviewListener.Stage.DONE, 1, 1);
    return new ReviewReport(
        root.toString(),
        result.findings(),
        result.suppressed(),
        catalog().rules(),
        tree.skipped().asMap(),
        tree.files().size(),
        bytes,
        summary(model),
        notes,
        Duration.between(started, options.clock().instant()));
  }

  private static com.architectreviewer.review.source.WalkedTree walk(
      Path root, ReviewOptions options, ReviewListener listener) {
    try {
      var tree = new SourceWalker(options.maxFileBytes()).walk(root, listener::isCancelled);
      checkCancelled(listener, "indexing");
      return tree;
    } catch (IOException e) {
      throw new RootNotReadable(root + " cannot be read: " + e.getMessage());
    }
  }

  private static void checkCancelled(ReviewListener listener, String stage) {
    if (listener.isCancelled()) {
      throw new ReviewCancelled(stage);
    }
  }

  private static List<String> deploymentNotes(ProjectModel model) {
    var notes = new ArrayList<String>();
    for (var app : model.apps()) {
      if (app.deployment().isUnknown()
          && model.handlers().stream().anyMatch(h -> model.appOf(h.file()) == app)) {
        notes.add(
            "deployment target of "
                + app.displayDir()
                + " is unknown (no vercel.json, netlify.toml, serverless.yml, Dockerfile, fly.toml"
                + " or listen() found): serverless-only findings have lower confidence");
      }
    }
    return notes;
  }

  private static ProjectSummary summary(ProjectModel model) {
    var apps = new ArrayList<ProjectSummary.App>();
    for (var app : model.apps()) {
      apps.add(
          new ProjectSummary.App(
              app.name(),
              app.displayDir(),
              List.copyOf(app.frameworks()),
              app.deployment().id(),
              app.deployment().evidence()));
    }
    return new ProjectSummary(apps, model.modules().size(), model.handlers().size());
  }
}
