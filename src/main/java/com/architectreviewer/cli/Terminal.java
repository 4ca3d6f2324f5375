package com.architectreviewer.cli;

import java.io.Console;

/** Whether standard streams are an interactive terminal (colour and progress only there). */
final class Terminal {

  private Terminal() {}

  static boolean interactive() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      // Java 22+: a Console exists even when redirected; isTerminal() tells the truth.
      var method = Console.class.getMethod("isTerminal");
      return (Boolean) method.invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }
}
