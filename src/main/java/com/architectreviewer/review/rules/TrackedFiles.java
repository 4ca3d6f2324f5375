package com.architectreviewer.review.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.errors.NoWorkTreeException;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The files git tracks in a checkout whose root is the scanned folder (its index), read with JGit.
 */
final class TrackedFiles {

  private TrackedFiles() {}

  /**
   * Tracked paths relative to {@code root}; empty when {@code root} is not the top of a git
   * checkout.
   */
  static Set<String> of(Path root) {
    if (!Files.exists(root.resolve(".git"))) {
      return Set.of();
    }
    try (var repo =
        new FileRepositoryBuilder().setWorkTree(root.toFile()).setMustExist(true).build()) {
      var index = repo.readDirCache();
      var paths = new TreeSet<String>();
      for (int i = 0; i < index.getEntryCount(); i++) {
        paths.add(index.getEntry(i).getPathString());
      }
      return paths;
    } catch (IOException | NoWorkTreeException | IllegalArgumentException e) {
      return Set.of();
    }
  }
}
