package com.architectreviewer.advisories.lockfile;

import java.io.IOException;
import java.nio.file.Path;

/** Reads one kind of lockfile or manifest. */
interface LockfileParser {

  /**
   * Parses {@code file}; {@code relative} is its path from the project root, used in warnings and
   * findings. Malformed content yields warnings, never an exception other than I/O; a file that is
   * not valid in its format at all throws {@link Formats.Malformed}, which skips it with a warning.
   */
  ParsedLockfile parse(Path file, String relative) throws IOException;
}
