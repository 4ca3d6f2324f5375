package com.architectreviewer.review.rules;

import com.architectreviewer.review.Rule;
import com.architectreviewer.review.model.ProjectModel;

/**
 * One rule's logic. Implementations are stateless; {@link #run} may be called for many projects.
 * Register new checks in {@link Checks#all()}. See docs/design/rules.md.
 */
public interface Check {

  /** The rule this check reports (id, title, severity, docs). */
  Rule rule();

  /** Finds the rule's problems in {@code model} and reports them to {@code findings}. */
  void run(ProjectModel model, Findings findings);
}
