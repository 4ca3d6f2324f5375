package com.architectreviewer.review;

/** {@code .reviewer.yml} (or a baseline file) is malformed; the message says what to change. */
public final class ConfigInvalid extends RuntimeException {

  public ConfigInvalid(String message) {
    super(message);
  }
}
