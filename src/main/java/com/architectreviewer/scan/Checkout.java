package com.architectreviewer.scan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;

/**
 * The code of one scan on local disk. Closing removes the working folder the scan created (never a
 * server path it only read).
 *
 * @param dir the folder to review
 * @param display what the scan's {@code source} shows (no credentials)
 * @param archiveId the uploaded archive it came from, or null
 * @param cleanup removes what the checkout created
 */
record Checkout(Path dir, String display, UUID archiveId, Runnable cleanup)
    implements AutoCloseable {

  static Checkout inPlace(Path dir, String display) {
    return new Checkout(dir, display, null, () -> {});
  }

  static Checkout extracted(Path dir, String display, UUID archiveId, Path workFolder) {
    return new Checkout(dir, display, archiveId, () -> deleteTree(workFolder));
  }

  @Override
  public void close() {
    cleanup.run();
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              Files.delete(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("Could not remove the scan's working folder " + root, e);
    }
  }
}
