package io.nokv.sql.it;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The SQLite sqllogictest corpus against NoKV (see {@link SltRunner} for how the library is
 * driven). One dynamic test per corpus file: it fails when the file could not run at all or when
 * fewer queries pass than its threshold in {@code slt/thresholds.properties}.
 *
 * <p>Default files: about 2,700 queries chosen to finish in under two minutes (see {@link
 * #DEFAULT_FILES}). {@code -Pslt-full} runs select1..select5 and evidence/ instead.
 *
 * <table>
 *   <caption>System properties</caption>
 *   <tr><td>{@code nokv.slt.url}</td><td>JDBC URL; default {@code jdbc:nokv:mem:slt_<random>}, a
 *       new database per file (see {@link TestDatabases#fresh}); {@code jdbc:h2:mem:} runs H2</td></tr>
 *   <tr><td>{@code nokv.slt.user}, {@code nokv.slt.password}</td><td>credentials</td></tr>
 *   <tr><td>{@code nokv.slt.files}</td><td>comma-separated substrings of corpus paths
 *       ({@code test/select1.test,index/between/1/})</td></tr>
 *   <tr><td>{@code nokv.slt.updateThresholds=true}</td><td>rewrite {@code
 *       src/test/resources/slt/thresholds.properties} with this run's pass counts</td></tr>
 *   <tr><td>{@code nokv.slt.enforce=false}</td><td>report only (for other databases)</td></tr>
 *   <tr><td>{@code nokv.slt.timeoutMinutes}</td><td>bound on the whole run, default 20</td></tr>
 * </table>
 *
 * Output: a line per file on stdout, {@code target/slt-summary.csv} and {@code .md}, and the
 * failures of each file under {@code target/slt-failures/}.
 */
class SqlLogicTest {
  /**
   * The default selection, 2,729 queries: select1 (1,000; one 30-row table, the classic CASE,
   * subquery and expression mix), random/aggregates/slt_good_129 (719; aggregates over random
   * expressions), index/random/1000/slt_good_0 (1,010; a 1,000-row table with indexes and random
   * predicates).
   */
  static final List<String> DEFAULT_FILES = List.of(
      "test/select1.test",
      "test/random/aggregates/slt_good_129.test",
      "test/index/random/1000/slt_good_0.test");

  /** The run's settings, from system properties. */
  record Config(String url, String user, String password, List<String> files, boolean update,
      boolean enforce, long timeoutMinutes) {
    static Config fromSystemProperties() {
      String files = System.getProperty("nokv.slt.files", "");
      return new Config(
          System.getProperty("nokv.slt.url", "jdbc:nokv:mem:slt_" + TestDatabases.randomSuffix()),
          System.getProperty("nokv.slt.user", ""),
          System.getProperty("nokv.slt.password", ""),
          files.isBlank() ? DEFAULT_FILES : SltRunner.filters(files),
          Boolean.getBoolean("nokv.slt.updateThresholds"),
          !"false".equalsIgnoreCase(System.getProperty("nokv.slt.enforce", "true")),
          Long.getLong("nokv.slt.timeoutMinutes", 20));
    }
  }

  @TestFactory
  Stream<DynamicTest> corpus() throws Exception {
    Config config = Config.fromSystemProperties();
    System.out.println("sqllogictest against " + config.url() + ": " + config.files());
    List<SltRunner.FileResult> results = assertTimeoutPreemptively(
        Duration.ofMinutes(config.timeoutMinutes()),
        () -> new SltRunner(config.url(), config.user(), config.password()).run(config.files()));
    assertTrue(!results.isEmpty(), "no corpus file matches " + config.files());

    Thresholds thresholds = Thresholds.load();
    Path failures = Path.of("target/slt-failures");
    if (Files.isDirectory(failures)) {
      try (Stream<Path> old = Files.list(failures)) {
        for (Path p : old.toList()) {
          Files.delete(p);
        }
      }
    }
    int queries = 0;
    int passed = 0;
    for (SltRunner.FileResult r : results) {
      System.out.println(line(r, thresholds.get(r.file())));
      queries += r.queries();
      passed += r.passed();
      if (!r.log().isBlank()) {
        Path log = failures.resolve(r.file().replace('/', '_') + ".txt");
        Files.createDirectories(log.getParent());
        Files.writeString(log, r.log());
      }
    }
    System.out.printf(Locale.ROOT, "sqllogictest total: %d of %d queries passed (%.1f%%)%n", passed,
        queries, SltRunner.percent(passed, queries));
    SltRunner.writeSummary(results, thresholds, Path.of("target/slt-summary.csv"),
        Path.of("target/slt-summary.md"));
    if (config.update()) {
      System.out.println("thresholds written to " + thresholds.update(results, config.url()).toAbsolutePath());
      thresholds = Thresholds.load();
    }
    Thresholds checked = thresholds;
    return results.stream().map(r -> DynamicTest.dynamicTest(r.file(), () -> check(r, checked, config)));
  }

  private static void check(SltRunner.FileResult r, Thresholds thresholds, Config config) {
    if (r.error() != null) {
      fail(r.file() + " could not run: " + r.error() + "\n" + r.log());
    }
    Integer min = thresholds.get(r.file());
    if (config.enforce() && !config.update() && min != null && r.passed() < min) {
      fail(String.format(Locale.ROOT,
          "%s: %d queries passed, the threshold is %d (%d failed, %d not run%s); failures in"
              + " target/slt-failures/, first lines:%n%s",
          r.file(), r.passed(), min, r.failed(), r.notRun(),
          r.aborted() ? ", a statement failed and ended the file" : "",
          r.log().lines().limit(12).reduce("", (a, b) -> a + b + "\n")));
    }
  }

  static String line(SltRunner.FileResult r, Integer threshold) {
    return String.format(Locale.ROOT,
        "slt %-45s %6d queries: %6d passed, %5d failed, %5d skipped (%5.1f%%)%s%s %6.1fs",
        r.file(), r.queries(), r.passed(), r.failed(), r.skipped(),
        SltRunner.percent(r.passed(), r.queries()),
        threshold == null ? "" : " threshold " + threshold,
        r.error() != null ? " ERROR " + r.error() : r.aborted() ? " (ended by a failed statement)" : "",
        r.seconds());
  }
}
