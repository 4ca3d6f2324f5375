package com.architectreviewer.scan;

/** The scan source is not allowed on this server (answered with 422); the message says why. */
public class SourceNotAllowed extends RuntimeException {
  public SourceNotAllowed(String message) {
    super(message);
  }
}
