package io.nokv.server.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns failures into the CLI's contract: a usage error prints the problem and a hint and exits
 * with {@value NokvMain#EXIT_USAGE}; a runtime error prints one line {@code nokv: error: ...}
 * (the stack trace only when verbose) and exits with {@value NokvMain#EXIT_ERROR}.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {
  private final boolean verbose;

  ErrorReporter(boolean verbose) {
    this.verbose = verbose;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
    report(cl.getErr(), ex, verbose);
    return NokvMain.EXIT_ERROR;
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cl = ex.getCommandLine();
    PrintWriter err = cl.getErr();
    String name = cl.getCommandSpec().qualifiedName();
    err.println(name + ": " + firstLine(ex.getMessage()));
    UnmatchedArgumentException.printSuggestions(ex, err);
    err.println("Try '" + name + " --help' for more information.");
    if (verbose) {
      ex.printStackTrace(err);
    }
    return NokvMain.EXIT_USAGE;
  }

  static void report(PrintWriter err, Throwable t, boolean verbose) {
    report(err, null, t, verbose);
  }

  static void report(PrintWriter err, String context, Throwable t, boolean verbose) {
    err.println("nokv: error: " + (context == null ? "" : context + ": ") + describe(t));
    if (verbose) {
      t.printStackTrace(err);
    }
    err.flush();
  }

  /**
   * One line for {@code t}: its message (the class name too when the message alone would not say
   * what broke), and the root cause when that adds information.
   */
  static String describe(Throwable t) {
    if (t instanceof CommandFailedException) {
      return firstLine(t.getMessage()); // complete by contract; the cause is for --verbose
    }
    String line = describeOne(t);
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root != t) {
      String rootLine = describeOne(root);
      if (!line.contains(rootLine)) {
        line += " (caused by " + rootLine + ")";
      }
    }
    return line;
  }

  private static String describeOne(Throwable t) {
    String msg = firstLine(t.getMessage());
    boolean selfExplaining = t instanceof io.nokv.kv.KvException || t instanceof IllegalArgumentException;
    if (msg.isEmpty()) {
      return t.getClass().getSimpleName();
    }
    return selfExplaining ? msg : t.getClass().getSimpleName() + ": " + msg;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    String trimmed = s.strip();
    int nl = trimmed.indexOf('\n');
    return nl < 0 ? trimmed : trimmed.substring(0, nl).strip() + " ...";
  }
}
