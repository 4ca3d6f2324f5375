package com.architectreviewer.review;

import java.util.Locale;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;

/**
 * Branch and tag names a scan may ask for, checked strictly by git's {@code check-ref-format} rules
 * (as JGit implements them) plus a few of our own: at most {@value #MAX_LENGTH} characters, not
 * starting with {@code -}, not {@code HEAD}, and a full name only under {@code refs/heads/} or
 * {@code refs/tags/}.
 */
public final class GitRefs {

  public static final int MAX_LENGTH = 200;

  private GitRefs() {}

  /** Null when {@code ref} is an acceptable branch or tag name, else what is wrong with it. */
  public static String problem(String ref) {
    if (ref == null || ref.isEmpty()) {
      return "must not be empty";
    }
    if (ref.length() > MAX_LENGTH) {
      return "must be at most " + MAX_LENGTH + " characters";
    }
    for (int i = 0; i < ref.length(); i++) {
      char c = ref.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        return "must use visible ASCII characters only (no spaces or control characters)";
      }
    }
    if (ref.startsWith("-")) {
      return "must not start with '-'";
    }
    if (ref.equals("@") || ref.toUpperCase(Locale.ROOT).equals(Constants.HEAD)) {
      return "must name a branch or tag, not HEAD (omit it for the default branch)";
    }
    String full = ref;
    if (ref.startsWith(Constants.R_REFS)) {
      if (!ref.startsWith(Constants.R_HEADS) && !ref.startsWith(Constants.R_TAGS)) {
        return "must be a branch or tag name, or a full name under refs/heads/ or refs/tags/";
      }
    } else {
      full = Constants.R_HEADS + ref;
    }
    boolean lockComponent = false;
    for (String component : full.split("/")) {
      lockComponent |= component.endsWith(".lock");
    }
    if (!Repository.isValidRefName(full) || full.endsWith("/") || lockComponent) {
      return "is not a valid git branch or tag name (git check-ref-format: no '..', '@{', '~', '^',"
          + " ':', '?', '*', '[', '\\\\', no '//', no component starting with '.' or ending with"
          + " '.lock', not ending with '.' or '/')";
    }
    return null;
  }
}
