package com.architectreviewer.scan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scans' working folders in the temporary directory carry the pid of the process that made
 * them: {@code reviewer-scan-<pid>-<job>-...} (uploads) and {@code reviewer-clone-<pid>-...} (git
 * clones). A scan removes its folder whatever happens to the scan, but not when its process is
 * killed ({@code kill -9}, the OOM killer): the re-run works in a new folder and the old one would
 * stay forever. So a process that starts scanning removes the folders of processes that are gone. A
 * pid that was reused by another process keeps its folders: the safe side.
 */
final class WorkFolders {

  static final String SCAN_PREFIX = "reviewer-scan-";
  private static final Pattern OWNED = Pattern.compile("reviewer-(?:scan|clone)-(\\d+)-.+");
  private static final Logger log = LoggerFactory.getLogger(WorkFolders.class);

  private WorkFolders() {}

  /** Removes the working folders in {@code tempDir} whose process is gone; how many went. */
  static int removeOrphans(Path tempDir) {
    int removed = 0;
    try (var entries = Files.list(tempDir)) {
      for (Path folder : (Iterable<Path>) entries::iterator) {
        Matcher name = OWNED.matcher(folder.getFileName().toString());
        if (!name.matches() || !Files.isDirectory(folder)) {
          continue;
        }
        long pid;
        try {
          pid = Long.parseLong(name.group(1));
        } catch (NumberFormatException e) {
          continue;
        }
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
          continue;
        }
        try {
          Checkout.deleteTree(folder);
          removed++;
        } catch (UncheckedIOException e) {
          log.warn("Could not remove the orphaned scan folder {}", folder, e);
        }
      }
    } catch (IOException | UncheckedIOException e) {
      log.warn("Could not look for orphaned scan folders in {}", tempDir, e);
    }
    if (removed > 0) {
      log.info(
          "Removed {} scan working folder(s) left in {} by processes that are gone",
          removed,
          tempDir);
    }
    return removed;
  }
}
