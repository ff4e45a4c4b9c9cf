package io.nokv.server.cli;

import io.nokv.jdbc.NokvDriver;
import io.nokv.jdbc.ServerUnreachableException;
import io.nokv.kv.DbLockedException;
import io.nokv.server.HostPort;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import sqlline.SqlLine;

/**
 * {@code nokv sql}: sqlline connected to a NoKV server ({@code jdbc:nokv://}, the default) or to
 * a database opened in this process ({@code jdbc:nokv:file:DIR}, {@code jdbc:nokv:mem:NAME}).
 *
 * <p>It first opens (and closes) one connection itself, so that a server that is not running is
 * one clear line rather than sqlline's stack trace. Then sqlline runs: the {@code -e} statements,
 * the {@code -f} script, SQL piped into stdin (as a script), or an interactive session. Settings
 * given to sqlline: our driver for {@code jdbc:nokv://}, no credential prompt, the database's
 * default isolation level (see {@link #probe}), the {@code nokv> } prompt, one-line errors and an
 * exit code for scripts (see {@link NokvSqlLine}), and a history file in {@code ~/.nokv/}.
 *
 * <p>Output format: {@code table} unless {@code --outputformat} says otherwise. Without a
 * terminal sqlline measures the screen as zero columns wide and prints tables with empty
 * columns; we then give it a fixed width ({@value #NO_TERMINAL_WIDTH}), which makes tables come out
 * whole in pipes and files.
 */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "SQL shell (sqlline) on a NoKV server or a database opened in this process.",
      "",
      "With -e or -f it runs the statements and exits: 0 if all succeeded, 1 if any failed."
          + " Without them it is interactive (!help lists sqlline's commands, !quit leaves),"
          + " unless the input is not a terminal: piped-in SQL runs as a script, like -f.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  ./nokv sql                      interactive, connected to ./nokv server",
      "  ./nokv sql -e 'SELECT * FROM t' --outputformat=csv",
      "  ./nokv sql --url jdbc:nokv://db1:8765 -f schema.sql",
      "Exit codes: 0 success, 1 cannot connect or a statement failed, 2 usage error."
    })
final class SqlCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(SqlCommand.class);
  static final String DEFAULT_URL = NokvDriver.URL_PREFIX + "127.0.0.1:" + NokvDriver.DEFAULT_PORT;
  static final int NO_TERMINAL_WIDTH = 4096;
  static final String PROMPT = "nokv> ";
  static final Set<String> OUTPUT_FORMATS =
      Set.of("table", "vertical", "csv", "tsv", "json", "xmlattrs", "xmlelements", "ansiconsole");

  @Option(
      names = "--url",
      paramLabel = "URL",
      defaultValue = DEFAULT_URL,
      description = {
        "Database to connect to. Default: ${DEFAULT-VALUE}",
        "A server: jdbc:nokv://HOST[:PORT][/SCHEMA]. A database opened in this process:"
            + " jdbc:nokv:file:DIR or jdbc:nokv:mem:NAME (not while a server holds DIR)."
      })
  String url;

  @Option(
      names = "-e",
      paramLabel = "SQL",
      description = "Run SQL (statements separated by ;) and exit. May be repeated.")
  List<String> statements = new ArrayList<>();

  @Option(names = "-f", paramLabel = "FILE", description = "Run the SQL script FILE and exit (stops at the first error).")
  Path file;

  @Option(
      names = "--outputformat",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "Result format: table (default), vertical, csv, tsv, json, xmlattrs, xmlelements, ansiconsole.")
  String outputFormat;

  @Spec CommandSpec spec;

  private final InputStream in;
  private final OutputStream out;
  private final OutputStream err;
  private final boolean interactiveTerminal;

  SqlCommand() {
    this(System.in, System.out, System.err, Terminals.isInteractive());
  }

  /** For tests: sqlline's streams, and whether they are a terminal. */
  SqlCommand(InputStream in, OutputStream out, OutputStream err, boolean interactiveTerminal) {
    this.in = in;
    this.out = out;
    this.err = err;
    this.interactiveTerminal = interactiveTerminal;
  }

  @Override
  public Integer call() throws IOException {
    validate();
    int isolation = probe(url);
    boolean interactive = statements.isEmpty() && file == null && interactiveTerminal;
    if (statements.isEmpty() && file == null && !interactiveTerminal) {
      return runPipedScript(isolation);
    }
    return runSqlLine(isolation, file, interactive);
  }

  /**
   * Input piped in (no terminal, no -e, no -f) is a script, as in other SQL shells: run like
   * {@code -f}, without prompts and echo, with an exit code that says whether it all worked.
   */
  private int runPipedScript(int isolation) throws IOException {
    Path script = Files.createTempFile("nokv-sql-stdin", ".sql");
    try {
      Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
      return runSqlLine(isolation, script, false);
    } finally {
      Files.deleteIfExists(script);
    }
  }

  private int runSqlLine(int isolation, Path script, boolean interactive) throws IOException {
    boolean verbose = NokvMain.verbose(spec);
    NokvSqlLine sqlLine = new NokvSqlLine(verbose);
    sqlLine.setOutputStream(out);
    sqlLine.setErrorStream(err);
    List<String> args = sqllineArgs(url, outputFormat, isolation, interactiveTerminal, verbose, statements, script,
        interactive ? historyFile() : null);
    // Interactive: no input stream, so that sqlline builds the system terminal (line editing,
    // history). Scripts: an empty one, so that sqlline never reads this process's stdin.
    InputStream input = interactive ? null : new ByteArrayInputStream(new byte[0]);
    SqlLine.Status status = sqlLine.begin(args.toArray(new String[0]), input, interactive);
    if (status == SqlLine.Status.ARGS) {
      return NokvMain.EXIT_USAGE;
    }
    if (!interactive && (sqlLine.failed() || status != SqlLine.Status.OK)) {
      return NokvMain.EXIT_ERROR;
    }
    return NokvMain.EXIT_OK;
  }

  private void validate() {
    if (!statements.isEmpty() && file != null) {
      throw new ParameterException(spec.commandLine(), "give -e or -f, not both");
    }
    if (!url.startsWith("jdbc:nokv:")) {
      throw new ParameterException(spec.commandLine(), "--url " + url + " is not a NoKV URL: use "
          + NokvDriver.URL_PREFIX + "HOST:PORT, jdbc:nokv:file:DIR or jdbc:nokv:mem:NAME");
    }
    if (url.startsWith(NokvDriver.URL_PREFIX)) {
      try {
        new NokvDriver().getPropertyInfo(url, new Properties()); // parses the URL
      } catch (SQLException e) {
        throw new ParameterException(spec.commandLine(), "--url: " + e.getMessage());
      }
    }
    if (!OUTPUT_FORMATS.contains(outputFormat)) {
      throw new ParameterException(spec.commandLine(), "--outputformat " + outputFormat + " is not one of "
          + String.join(", ", OUTPUT_FORMATS.stream().sorted().toList()));
    }
    if (file != null && !Files.isReadable(file)) {
      throw new ParameterException(spec.commandLine(), "-f " + file + ": no such readable file");
    }
  }

  /**
   * Opens and closes one connection, to fail with one clear line when that is impossible. Returns
   * the database's default transaction isolation level, which sqlline is then told to use: it
   * sets a level on every connect (REPEATABLE_READ unless told), and complains when the
   * database's metadata does not list that level as supported.
   */
  static int probe(String url) {
    try (Connection c = url.startsWith(NokvDriver.URL_PREFIX)
        ? new NokvDriver().connect(url, new Properties())
        : DriverManager.getConnection(url)) {
      return c.getMetaData().getDefaultTransactionIsolation();
    } catch (ServerUnreachableException e) {
      throw new CommandFailedException("cannot connect to NoKV at " + HostPort.format(e.host(), e.port())
          + ": is \"./nokv server\" running?", e);
    } catch (SQLException | RuntimeException e) {
      for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
        if (c instanceof DbLockedException) {
          throw new CommandFailedException("cannot open " + url + ": its directory is in use by another process"
              + " (is \"./nokv server\" running on it? then connect with --url " + DEFAULT_URL + ")", e);
        }
      }
      String reason = e instanceof SQLException ? firstLine(e.getMessage()) : ErrorReporter.describe(e);
      throw new CommandFailedException("cannot connect to " + url + ": " + reason, e);
    }
  }

  /** The arguments for sqlline; see the class comment for why each is there. */
  static List<String> sqllineArgs(
      String url, String outputFormat, int isolation, boolean terminal, boolean verbose, List<String> statements,
      Path file, Path historyFile) {
    List<String> args = new ArrayList<>();
    args.add("-u");
    args.add(url);
    if (url.startsWith(NokvDriver.URL_PREFIX)) {
      args.add("-d");
      args.add(NokvDriver.class.getName());
    }
    args.add("--connectInteractionMode=notAskCredentials");
    args.add("--isolation=" + isolationName(isolation));
    args.add("--outputformat=" + outputFormat);
    args.add("--prompt=" + PROMPT);
    args.add("--verbose=" + verbose);
    if (!terminal) {
      args.add("--maxWidth=" + NO_TERMINAL_WIDTH);
    }
    if (historyFile != null) {
      args.add("--historyfile=" + historyFile);
    }
    if (file != null) {
      args.add("--silent=true");
      args.add("-f");
      args.add(file.toString());
    } else if (!statements.isEmpty()) {
      args.add("--silent=true");
      for (String sql : statements) {
        args.add("-e");
        args.add(sql);
      }
    }
    return args;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    String stripped = s.strip();
    int nl = stripped.indexOf('\n');
    return nl < 0 ? stripped : stripped.substring(0, nl).strip();
  }

  /** sqlline's name for a {@link Connection} isolation level. */
  static String isolationName(int level) {
    return switch (level) {
      case Connection.TRANSACTION_NONE -> "TRANSACTION_NONE";
      case Connection.TRANSACTION_READ_UNCOMMITTED -> "TRANSACTION_READ_UNCOMMITTED";
      case Connection.TRANSACTION_READ_COMMITTED -> "TRANSACTION_READ_COMMITTED";
      case Connection.TRANSACTION_REPEATABLE_READ -> "TRANSACTION_REPEATABLE_READ";
      case Connection.TRANSACTION_SERIALIZABLE -> "TRANSACTION_SERIALIZABLE";
      default -> throw new IllegalArgumentException("not a JDBC isolation level: " + level);
    };
  }

  /**
   * {@code ~/.nokv/sql_history} for interactive sessions, or none (sqlline then keeps history in
   * memory only) when the home directory is unknown or {@code ~/.nokv} cannot be created.
   */
  private static Path historyFile() {
    String home = System.getProperty("user.home");
    if (home == null || home.isBlank()) {
      return null;
    }
    Path dir = Path.of(home, ".nokv");
    try {
      Files.createDirectories(dir);
      return dir.resolve("sql_history");
    } catch (IOException e) {
      LOG.warn("no SQL history file: cannot create {}: {}", dir, e.toString());
      return null;
    }
  }
}
