package com.architectreviewer.review.source;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of a walk: the kept files in path order and what was skipped.
 *
 * @param root the real path of the walked root
 * @param files kept files, sorted by path
 * @param skipped counts by reason (the reader adds to it later)
 */
public record WalkedTree(Path root, List<SourceFile> files, SkipCounts skipped) {}
