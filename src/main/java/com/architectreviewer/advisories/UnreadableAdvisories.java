package com.architectreviewer.advisories;

/**
 * The import source cannot be read at all (missing, not a zip, too large); the message says why.
 */
public final class UnreadableAdvisories extends Exception {
  UnreadableAdvisories(String message) {
    super(message);
  }
}
