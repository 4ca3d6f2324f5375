package com.architectreviewer.scan;

/** An uploaded archive was refused; the message says why, fit for users (answered with 422). */
public class ArchiveRejected extends RuntimeException {
  public ArchiveRejected(String message) {
    super(message);
  }
}
