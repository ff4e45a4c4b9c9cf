package io.nokv.sql.it;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * NoKV's own SQL correctness suite: one dynamic test per {@code sqltest/*.sql} script, each on a
 * fresh database (a new {@code jdbc:nokv:mem:} name per file). See {@link SqlScriptRunner} for the
 * format and {@link TestDatabases} for the properties that point it at another database.
 *
 * <p>{@code -Dnokv.sqltest.files=ddl,joins} runs only the scripts whose name contains one of the
 * words; {@code -Dnokv.sqltest.dir=DIR} runs the scripts of another directory; {@code
 * -Dnokv.sqltest.timeoutSeconds} (default 120) bounds each script.
 */
class SqlCorrectnessTest {
  private static final int MAX_LISTED = 40;

  @TestFactory
  Stream<DynamicTest> scripts() throws IOException, URISyntaxException {
    String base = TestDatabases.baseUrl();
    long timeout = Long.getLong("nokv.sqltest.timeoutSeconds", 120);
    return scriptFiles(System.getProperty("nokv.sqltest.files", "")).stream()
        .map(path -> DynamicTest.dynamicTest(path.getFileName().toString(), path.toUri(),
            () -> assertTimeoutPreemptively(Duration.ofSeconds(timeout), () -> runOne(path, base))));
  }

  private static void runOne(Path path, String base) throws Exception {
    String name = path.getFileName().toString();
    SqlScript script = SqlScript.parse(name, Files.readString(path, StandardCharsets.UTF_8));
    String url = TestDatabases.fresh(base, name.replace(".sql", ""));
    SqlScriptRunner.Report report = new SqlScriptRunner(script, url).run();
    System.out.printf("sqltest %-18s %4d SQL statements; checks: %4d passed, %3d failed, %3d skipped (%s)%n",
        name, report.statements(), report.passed(), report.failures().size(), report.skipped(), url);
    if (!report.failures().isEmpty()) {
      StringBuilder msg = new StringBuilder();
      msg.append(report.failures().size()).append(" failures in ").append(name)
          .append(" against ").append(url).append(":\n");
      report.failures().stream().limit(MAX_LISTED).forEach(f -> msg.append(f).append('\n'));
      if (report.failures().size() > MAX_LISTED) {
        msg.append("... and ").append(report.failures().size() - MAX_LISTED).append(" more\n");
      }
      fail(msg.toString());
    }
  }

  /**
   * The scripts whose names contain one of the comma-separated words: those on the test class path
   * ({@code sqltest/}), or those in the directory {@code nokv.sqltest.dir} when it is set.
   */
  static List<Path> scriptFiles(String filter) throws IOException, URISyntaxException {
    String other = System.getProperty("nokv.sqltest.dir");
    URL dir = other != null ? Path.of(other).toUri().toURL()
        : SqlCorrectnessTest.class.getClassLoader().getResource("sqltest");
    if (dir == null) {
      throw new IllegalStateException("no sqltest/ directory on the test class path");
    }
    List<String> words = Arrays.stream(filter.split(",")).map(String::trim)
        .filter(w -> !w.isEmpty()).toList();
    try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
      return files.filter(p -> p.toString().endsWith(".sql"))
          .filter(p -> words.isEmpty()
              || words.stream().anyMatch(w -> p.getFileName().toString().contains(w)))
          .sorted()
          .toList();
    }
  }
}
