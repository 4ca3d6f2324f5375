package com.architectreviewer.review.source;

/** Why the walk or the reader left a file (or a whole folder) out. */
public enum SkipReason {
  GITIGNORED("gitignored"),
  DEPENDENCIES("dependencies"),
  BUILD_OUTPUT("build-output"),
  VENDORED("vendored"),
  MINIFIED("minified"),
  GENERATED("generated"),
  BINARY("binary"),
  TOO_LARGE("too-large"),
  SYMLINK("symlink"),
  SYMLINK_OUTSIDE_ROOT("symlink-outside-root"),
  UNREADABLE("unreadable");

  private final String id;

  SkipReason(String id) {
    this.id = id;
  }

  /** The key used in reports. */
  public String id() {
    return id;
  }
}
