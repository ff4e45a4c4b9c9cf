package io.nokv.server.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether the process talks to a person at a terminal (both stdin and stdout). */
final class Terminals {
  private Terminals() {}

  static boolean isInteractive() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    // JDK 22+ may return a Console even when redirected; it then answers isTerminal() (absent
    // from JDK 21, which returns no Console at all unless both streams are a terminal).
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot ask the console whether it is a terminal", e);
    }
  }
}
