package com.architectreviewer.review;

import java.nio.file.Path;
import java.util.List;

/**
 * An extra producer of findings that runs over the walked project after the rules, such as the
 * dependency advisories (AR-DEP-001). Register it with {@link ReviewEngine#withSource}. Its
 * findings pass through the same redaction, suppressions, fingerprints and outputs as the rules'
 * findings.
 */
public interface FindingSource {

  /** The rules this source reports (for output metadata and docs). */
  List<Rule> rules();

  /**
   * Finds problems in the project. Paths in findings are relative to {@code project.root()}.
   *
   * @throws ReviewCancelled when {@code listener.isCancelled()} says so
   */
  List<Finding> find(Project project, ReviewListener listener);

  /**
   * What a source sees of the project.
   *
   * @param root the scanned folder
   * @param files every walked (not skipped) file, relative, {@code /}-separated, sorted
   * @param appPaths folders of the apps/packages ({@code .} for the root)
   * @param notes add a line here to tell the user something about this source (e.g. "no advisories
   *     imported")
   */
  record Project(Path root, List<String> files, List<String> appPaths, List<String> notes) {}
}
