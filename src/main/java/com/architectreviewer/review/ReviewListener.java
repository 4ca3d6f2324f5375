package com.architectreviewer.review;

/**
 * Watches a review: receives progress and is asked between files and between rules whether to stop.
 * Implementations must be thread-safe: files are analysed in parallel.
 */
public interface ReviewListener {

  /** Stages in the order a review passes them. */
  enum Stage {
    /** walking the tree (total unknown: {@code total} is the count so far) */
    INDEXING,
    /** lexing and modelling source files */
    ANALYSING,
    /** running rules ({@code done}/{@code total} count rules) */
    CHECKING,
    /** extra finding sources (dependency advisories...) */
    EXTRA_SOURCES,
    DONE
  }

  /** A listener that ignores progress and never cancels. */
  ReviewListener NONE = new ReviewListener() {};

  /** Progress: {@code done} of {@code total} units of {@code stage}. */
  default void progress(Stage stage, int done, int total) {}

  /** Asked between files and between rules; when true the engine throws {@link ReviewCancelled}. */
  default boolean isCancelled() {
    return false;
  }
}
