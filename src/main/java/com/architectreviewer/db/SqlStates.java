package com.architectreviewer.db;

/** SQL states that say something about the database as a whole rather than about a statement. */
public final class SqlStates {

  private SqlStates() {}

  /**
   * The server cannot serve connections now: connection exceptions (class 08), server shutting down
   * (57P01-57P03), too many connections (53300). Retrying later may well succeed.
   */
  public static boolean unavailable(String state) {
    return state != null
        && (state.startsWith("08")
            || state.equals("57P01")
            || state.equals("57P02")
            || state.equals("57P03")
            || state.equals("53300"));
  }
}
