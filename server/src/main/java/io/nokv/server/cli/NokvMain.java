package io.nokv.server.cli;

import io.nokv.kv.spi.CliCommandProvider;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code nokv} command: the one entry point of the distribution, run by the {@code ./nokv}
 * launcher at the repository root.
 *
 * <p>Its subcommands are fixed ones ({@code bench}) plus the commands that modules on the
 * classpath contribute through {@link CliCommandProvider} (found with {@link ServiceLoader}), so
 * that this module never depends on the benchmark harnesses in {@code tpcc}.
 *
 * <p>Exit codes: {@value #EXIT_OK} success, {@value #EXIT_ERROR} runtime error (one line on
 * stderr; the stack trace too with {@code --verbose} or the environment variable {@code
 * NOKV_DEBUG}), {@value #EXIT_USAGE} usage error (unknown option, bad value, missing command).
 */
@Command(
    name = "nokv",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    synopsisSubcommandLabel = "COMMAND",
    description = "NoKV: a transactional key-value database with a SQL layer.",
    subcommands = {ServerCommand.class, SqlCommand.class, BenchCommand.class},
    footer = {
      "",
      "Exit codes: 0 success, 1 runtime error, 2 usage error.",
      "Environment: NOKV_DEBUG=1 prints stack traces (like --verbose); NOKV_JAVA_OPTS adds JVM"
          + " options (read by the ./nokv launcher)."
    })
public final class NokvMain implements Callable<Integer> {
  public static final int EXIT_OK = 0;
  public static final int EXIT_ERROR = 1;
  public static final int EXIT_USAGE = 2;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Print the stack trace of an error (as NOKV_DEBUG=1 does).")
  boolean verbose;

  @Spec CommandSpec spec;

  /** Without a command: show what there is, on stderr, as a usage error. */
  @Override
  public Integer call() {
    CommandLine cl = spec.commandLine();
    cl.getErr().println("nokv: missing command");
    cl.usage(cl.getErr());
    return EXIT_USAGE;
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    boolean debug = isDebugEnv(System.getenv("NOKV_DEBUG"));
    int code;
    try {
      code = run(args, ServiceLoader.load(CliCommandProvider.class), out, err, debug);
    } catch (Throwable t) { // Errors (a JNI library that fails to load) escape picocli's handler.
      ErrorReporter.report(err, t, debug || Arrays.asList(args).contains("--verbose"));
      code = EXIT_ERROR;
    }
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * Runs the command line {@code args} with the commands of {@code providers} registered and
   * returns the exit code. {@code debug} forces stack traces on errors.
   */
  public static int run(
      String[] args,
      Iterable<CliCommandProvider> providers,
      PrintWriter out,
      PrintWriter err,
      boolean debug) {
    return run(args, providers, out, err, debug, CommandLine.defaultFactory());
  }

  /**
   * {@link #run(String[], Iterable, PrintWriter, PrintWriter, boolean)} with the commands created
   * by {@code factory}: tests give {@code server} and {@code sql} other databases and streams.
   */
  static int run(
      String[] args,
      Iterable<CliCommandProvider> providers,
      PrintWriter out,
      PrintWriter err,
      boolean debug,
      CommandLine.IFactory factory) {
    boolean verbose = debug || Arrays.asList(args).contains("--verbose");
    CommandLine cl;
    try {
      cl = newCommandLine(providers, err, factory);
    } catch (RuntimeException | java.util.ServiceConfigurationError e) {
      ErrorReporter.report(err, "cannot register the commands found on the classpath", e, verbose);
      return EXIT_ERROR;
    }
    cl.setOut(out);
    cl.setErr(err);
    ErrorReporter reporter = new ErrorReporter(verbose);
    cl.setExecutionExceptionHandler(reporter);
    cl.setParameterExceptionHandler(reporter);
    return cl.execute(args);
  }

  /** The command tree with the providers' commands attached; warnings go to {@code err}. */
  public static CommandLine newCommandLine(Iterable<CliCommandProvider> providers, PrintWriter err) {
    return newCommandLine(providers, err, CommandLine.defaultFactory());
  }

  static CommandLine newCommandLine(
      Iterable<CliCommandProvider> providers, PrintWriter err, CommandLine.IFactory factory) {
    CommandLine cl = new CommandLine(new NokvMain(), factory);
    CommandRegistry.register(cl, providers, err);
    return cl;
  }

  /** Whether {@code --verbose} was given (to any command) or NOKV_DEBUG is set. */
  static boolean verbose(CommandSpec anyCommand) {
    Object root = anyCommand.root().userObject();
    return (root instanceof NokvMain main && main.verbose) || isDebugEnv(System.getenv("NOKV_DEBUG"));
  }

  static boolean isDebugEnv(String value) {
    return value != null && !value.isBlank() && !value.equals("0") && !value.equalsIgnoreCase("false");
  }
}
