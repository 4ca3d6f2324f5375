package com.architectreviewer.review;

/** The path to review does not exist, is not a folder, or cannot be read. */
public final class RootNotReadable extends RuntimeException {

  public RootNotReadable(String message) {
    super(message);
  }
}
