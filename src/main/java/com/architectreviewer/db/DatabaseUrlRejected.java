package com.architectreviewer.db;

/**
 * A database setting cannot be used as given. The message names the setting and what to change; it
 * never contains a password.
 */
public final class DatabaseUrlRejected extends IllegalArgumentException {

  private final String setting;

  DatabaseUrlRejected(String setting, String reason) {
    super(setting + " is not usable: " + reason);
    this.setting = setting;
  }

  /** The environment variable or property that has to change. */
  public String setting() {
    return setting;
  }
}
