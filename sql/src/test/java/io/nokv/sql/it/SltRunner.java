package io.nokv.sql.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import net.hydromatic.sqllogictest.Main;
import net.hydromatic.sqllogictest.OptionsParser;
import net.hydromatic.sqllogictest.SltTestFile;
import net.hydromatic.sqllogictest.TestStatistics;
import net.hydromatic.sqllogictest.executors.JdbcExecutor;

/**
 * Runs files of the SQLite sqllogictest corpus (as packaged by {@code net.hydromatic:sql-logic-test}
 * 0.3) against any JDBC URL and reports, per file, how many queries passed, failed or were not run.
 *
 * <p>How the library is driven: a {@link JdbcExecutor} subclass is registered under the name
 * {@code nokv} and {@link Main#execute} runs it on the files whose resource path contains one of
 * the given strings ({@code test/select1.test}, {@code index/between/}, ...). The library calls
 * the executor's supplier once per file, so every file gets a database of its own (a new name for
 * in-memory URLs, see {@link TestDatabases#fresh}). The executor records each file's statistics
 * and what the library printed about it, drops only user tables and views (the library's default
 * drops everything {@code DatabaseMetaData} lists, with {@code CASCADE}), and keeps going when a
 * file cannot run at all (the library would abort the whole run).
 *
 * <p>Which statements run: the library parses each file with a fixed policy that behaves as if the
 * engine were PostgreSQL: records marked {@code onlyif postgresql} or with no {@code onlyif} run,
 * records marked {@code skipif postgresql} or {@code onlyif} any other engine (sqlite, mysql,
 * mssql, oracle) are dropped at parse time and not counted. There is no switch for it; it suits
 * NoKV, whose dialect is closer to PostgreSQL's than to the other engines'.
 *
 * <p>Library behaviour worth knowing when reading the numbers: a {@code statement ok} that fails
 * ends the file (its remaining queries are reported here as "not run"); {@code statement error}
 * records pass whatever the error; query results are compared after the library's own
 * formatting ({@code I}: {@code getLong}, {@code R}: {@code %.3f}, {@code T}: {@code getString}).
 *
 * <p>{@link #main} runs it from the command line with the same system properties as {@link
 * SqlLogicTest} (from the {@code sql} directory, after {@code ./mvnw -o -q dependency:build-classpath
 * -pl sql -Dmdep.includeScope=test -Dmdep.outputFile=target/test.cp}):
 * {@code java -Dnokv.slt.url=jdbc:h2:mem: -Dnokv.slt.files=select1 -cp
 * target/test-classes:target/classes:$(cat target/test.cp) io.nokv.sql.it.SltRunner}.
 */
final class SltRunner {
  /** The outcome of one file. */
  record FileResult(
      String file, int queries, int passed, int failed, int ignored, boolean aborted, String error,
      String log, double seconds) {
    /** Queries the library never executed because a statement failed first. */
    int notRun() {
      return Math.max(0, queries - passed - failed - ignored);
    }

    /** Queries that did not run, for whatever reason. */
    int skipped() {
      return ignored + notRun();
    }
  }

  private static final String EXECUTOR = "nokv";
  private static final Set<String> SYSTEM_SCHEMAS =
      Set.of("information_schema", "pg_catalog", "metadata", "sys", "system_lobs");

  private final String baseUrl;
  private final String dbUser;
  private final String dbPassword;
  private final List<FileResult> results = new ArrayList<>();
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private final AtomicInteger fileNumber = new AtomicInteger();

  SltRunner(String baseUrl, String user, String password) {
    this.baseUrl = baseUrl;
    this.dbUser = user;
    this.dbPassword = password;
  }

  /** Runs every corpus file whose path contains one of {@code filters}; returns one result each. */
  List<FileResult> run(List<String> filters) throws IOException {
    OptionsParser parser =
        new OptionsParser(false, System.out, new PrintStream(log, true, StandardCharsets.UTF_8));
    parser.registerExecutor(EXECUTOR, () -> new Executor(parser.getOptions(), nextUrl()));
    List<String> args = new ArrayList<>(List.of("-e", EXECUTOR));
    args.addAll(filters);
    TestStatistics total = Main.execute(parser, args.toArray(String[]::new));
    if (total == null) {
      throw new IllegalStateException("sql-logic-test rejected the arguments " + args + ": " + log);
    }
    List<FileResult> sorted = new ArrayList<>(results);
    sorted.sort(java.util.Comparator.comparing(FileResult::file));
    return List.copyOf(sorted);
  }

  private String nextUrl() {
    try {
      return TestDatabases.fresh(baseUrl, "slt" + fileNumber.incrementAndGet());
    } catch (SQLException e) {
      throw new IllegalStateException("setting up a database for " + baseUrl, e);
    }
  }

  /** The library's JDBC executor, adapted as the class comment says. */
  private final class Executor extends JdbcExecutor {
    Executor(OptionsParser.SuppliedOptions options, String url) {
      super(options, url, SltRunner.this.dbUser, SltRunner.this.dbPassword);
    }

    @Override
    public TestStatistics execute(SltTestFile file, OptionsParser.SuppliedOptions options) {
      long start = System.nanoTime();
      log.reset();
      TestStatistics stats;
      String error = null;
      try {
        stats = super.execute(file, options);
      } catch (SQLException | RuntimeException e) {
        error = e.toString();
        stats = new TestStatistics(false, 0);
        stats.incFiles();
      } finally {
        closeQuietly();
      }
      String text = log.toString(StandardCharsets.UTF_8);
      StringBuilder failures = new StringBuilder(text);
      if (stats.getFailedTestCount() > 0) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        stats.printStatistics(new PrintStream(out, true, StandardCharsets.UTF_8));
        failures.append(out.toString(StandardCharsets.UTF_8));
      }
      results.add(new FileResult(file.toString(), file.getTestCount(), stats.getPassedTestCount(),
          stats.getFailedTestCount(), stats.getIgnoredTestCount(), stats.getParseFailureCount() > 0,
          error, failures.toString(), (System.nanoTime() - start) / 1e9));
      return stats;
    }

    @Override
    public void dropAllTables() throws SQLException {
      dropAll("TABLE");
    }

    @Override
    public void dropAllViews() throws SQLException {
      dropAll("VIEW");
    }

    /** Drops the user's tables or views; failures are ignored (the database is fresh anyway). */
    private void dropAll(String kind) {
      List<String> names = new ArrayList<>();
      try {
        Connection c = getConnection();
        DatabaseMetaData md = c.getMetaData();
        String q = md.getIdentifierQuoteString();
        q = q == null || q.isBlank() ? "" : q.trim();
        try (ResultSet rs = md.getTables(null, null, "%", new String[] {kind})) {
          while (rs.next()) {
            String schema = rs.getString("TABLE_SCHEM");
            if (schema != null && SYSTEM_SCHEMAS.contains(schema.toLowerCase(Locale.ROOT))) {
              continue;
            }
            String name = q + rs.getString("TABLE_NAME") + q;
            names.add(schema == null ? name : q + schema + q + "." + name);
          }
        }
        for (String name : names) {
          try (Statement s = c.createStatement()) {
            s.execute("DROP " + kind + " IF EXISTS " + name);
          } catch (SQLException e) {
            options.message("could not drop " + name + ": " + e.getMessage(), 1);
          }
        }
      } catch (SQLException | RuntimeException e) {
        options.message("could not list " + kind + "s: " + e.getMessage(), 1);
      }
    }

    private void closeQuietly() {
      try {
        if (connection != null && !connection.isClosed()) {
          connection.close();
        }
      } catch (SQLException ignored) {
        // nothing more to do with it
      }
    }
  }

  /** Splits a comma-separated list of file filters. */
  static List<String> filters(String csv) {
    return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** Writes {@code results} as CSV and as a Markdown table. */
  static void writeSummary(List<FileResult> results, Thresholds thresholds, Path csv, Path md)
      throws IOException {
    Files.createDirectories(csv.toAbsolutePath().getParent());
    StringBuilder c = new StringBuilder("file,queries,passed,failed,skipped,not_run,aborted,threshold,seconds,error\n");
    StringBuilder m = new StringBuilder("| file | queries | passed | failed | skipped | pass % | threshold | s |\n");
    m.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    int q = 0;
    int p = 0;
    int f = 0;
    int s = 0;
    for (FileResult r : results) {
      Integer t = thresholds.get(r.file());
      c.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%d,%d,%b,%s,%.1f,%s%n", r.file(), r.queries(),
          r.passed(), r.failed(), r.skipped(), r.notRun(), r.aborted(), t == null ? "" : t,
          r.seconds(), r.error() == null ? "" : '"' + r.error().replace('"', '\'') + '"'));
      m.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %.1f | %s | %.1f |%n", r.file(),
          r.queries(), r.passed(), r.failed(), r.skipped(), percent(r.passed(), r.queries()),
          t == null ? "-" : t, r.seconds()));
      q += r.queries();
      p += r.passed();
      f += r.failed();
      s += r.skipped();
    }
    m.append(String.format(Locale.ROOT, "| total | %d | %d | %d | %d | %.1f | | |%n", q, p, f, s,
        percent(p, q)));
    Files.writeString(csv, c);
    Files.writeString(md, m);
  }

  static double percent(int part, int whole) {
    return whole == 0 ? 0 : 100.0 * part / whole;
  }

  /** Command-line entry: the same system properties as {@link SqlLogicTest}. */
  public static void main(String[] args) throws Exception {
    SqlLogicTest.Config config = SqlLogicTest.Config.fromSystemProperties();
    List<FileResult> results = new SltRunner(config.url(), config.user(), config.password())
        .run(config.files());
    Thresholds thresholds = Thresholds.load();
    for (FileResult r : results) {
      System.out.println(SqlLogicTest.line(r, thresholds.get(r.file())));
    }
    writeSummary(results, thresholds, Path.of("target/slt-summary.csv"), Path.of("target/slt-summary.md"));
    if (config.update()) {
      System.out.println("thresholds written to " + thresholds.update(results, config.url()));
    }
  }
}
