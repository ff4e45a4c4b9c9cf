package io.nokv.bench.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nokv.bench.MiniJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SqlBenchCommandTest {
  @TempDir Path tmp;

  record Run(int code, String out, String err) {}

  private Run sql(ServerFactory factory, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    SqlBenchCommand command = new SqlBenchCommand();
    command.servers = factory;
    CommandLine cl = new CommandLine(command);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private static final String[] TINY = {"--rows", "100", "--duration-seconds", "1", "--warmup-seconds", "0", "--runs", "1",
      "--threads", "2"};

  private static String[] args(String... more) {
    String[] all = new String[TINY.length + more.length];
    System.arraycopy(TINY, 0, all, 0, TINY.length);
    System.arraycopy(more, 0, all, TINY.length, more.length);
    return all;
  }

  @Test
  void everyWorkloadRunsAgainstAnInProcessH2AndWritesTheJson() throws Exception {
    InProcessH2 h2 = new InProcessH2(Set.of());
    Path json = tmp.resolve("sql.json");
    Run r = sql(h2, args("--targets", "h2", "--out", json.toString()));
    assertEquals(0, r.code(), r.out() + r.err());
    for (String w : SqlWorkload.labels()) {
      assertTrue(r.out().contains("[run 1, h2, " + w + "] "), r.out());
      assertTrue(r.out().lines().anyMatch(l -> l.startsWith(w + " (one run; ops/s")), r.out());
    }
    assertTrue(r.out().contains("[run 1, h2] loaded 100 rows"), r.out());
    assertTrue(r.out().contains("NOT durable per commit"), "the header states H2's durability: " + r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("  point-select NoKV/H2") && l.contains("n/a (nokv not in --targets)")),
        r.out());
    assertEquals(List.of(SqlTarget.H2), h2.stopped, "the server is stopped");
    assertFalse(Files.exists(h2.started.get(0).dir()), "its directory is deleted");

    Map<?, ?> root = (Map<?, ?>) MiniJson.parse(Files.readString(json));
    assertEquals("sql", root.get("benchmark"));
    Map<?, ?> settings = (Map<?, ?>) root.get("settings");
    assertEquals(List.of("h2"), settings.get("targets"));
    assertEquals(SqlWorkload.labels(), settings.get("workloads"));
    assertEquals(2.0, settings.get("threads"));
    assertEquals(100.0, settings.get("rows"));
    assertTrue(((String) ((Map<?, ?>) settings.get("durability")).get("h2")).contains("NOT durable"));
    List<?> servers = (List<?>) root.get("servers");
    assertTrue(((String) ((Map<?, ?>) servers.get(0)).get("product")).startsWith("H2 "), servers.toString());
    assertEquals(100.0, ((Map<?, ?>) ((List<?>) root.get("loads")).get(0)).get("rows"));
    List<?> results = (List<?>) root.get("results");
    assertEquals(SqlWorkload.labels(), results.stream().map(o -> ((Map<?, ?>) o).get("workload")).toList());
    for (Object o : results) {
      Map<?, ?> row = (Map<?, ?>) o;
      assertTrue((Double) row.get("ops_per_sec") > 0, row.toString());
      assertTrue((Double) row.get("p99_ms") >= (Double) row.get("p50_ms"), row.toString());
      assertTrue((Double) row.get("p999_ms") >= (Double) row.get("p99_ms"), row.toString());
      assertTrue((Double) row.get("duration_ms") >= 1000, row.toString());
      assertEquals(0.0, row.get("errors"), row.toString());
      assertEquals(0.0, row.get("unexpected"), "every point select finds its row, every range 10: " + row);
      assertEquals(2.0, row.get("threads"));
    }
    assertEquals(4, ((List<?>) root.get("medians")).size());
    assertEquals(List.of(), root.get("ratios"), "no nokv, no ratios");
    List<?> targets = (List<?>) root.get("targets");
    assertEquals(3, targets.size());
    targets.forEach(t -> assertEquals("n/a", ((Map<?, ?>) t).get("status")));
    assertEquals(null, root.get("profile"));
    assertEquals(List.of(), root.get("failures"));
    assertEquals(false, root.get("aborted"));
  }

  @Test
  void twoTargetsGiveTheRatioAndTheTarget() {
    Run r = sql(new InProcessH2(Set.of()), args("--targets", "nokv,h2", "--workloads", "point-select"));
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("  NoKV/H2 = ") && !l.contains("n/a")), r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("  point-select NoKV/H2")
        && (l.contains(" PASS") || l.contains(" MISS"))), r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("  insert NoKV/PostgreSQL")
        && l.contains("postgres not in --targets") && l.contains("insert not in --workloads")), r.out());
  }

  @Test
  void keepGoingMeasuresTheOtherTargetsWhenOneDoesNotStart() {
    InProcessH2 factory = new InProcessH2(Set.of(SqlTarget.NOKV));
    Run r = sql(factory, args("--targets", "nokv,h2", "--workloads", "point-select", "--keep-going"));
    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("[run 1, nokv] FAILED: target nokv: the test says it is unavailable"), r.out());
    assertTrue(r.out().contains("[run 1, h2, point-select] "), r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("  point-select NoKV/H2")
        && l.contains("nokv point-select not measured")), r.out());
    assertEquals("nokv bench sql: target nokv: the test says it is unavailable", r.err().lines().findFirst().orElse(""));
  }

  @Test
  void withoutKeepGoingTheFirstFailureStopsTheBenchmark() throws Exception {
    InProcessH2 factory = new InProcessH2(Set.of(SqlTarget.NOKV));
    Path json = tmp.resolve("aborted.json");
    Run r = sql(factory, args("--targets", "nokv,h2", "--out", json.toString()));
    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue(factory.started.isEmpty(), "h2 is not started after nokv failed");
    assertTrue(r.err().contains("nokv bench sql: target nokv: the test says it is unavailable"), r.err());
    assertTrue(r.err().contains("stopped at the first failure"), r.err());
    Map<?, ?> root = (Map<?, ?>) MiniJson.parse(Files.readString(json));
    assertEquals(true, root.get("aborted"));
    Map<?, ?> failure = (Map<?, ?>) ((List<?>) root.get("failures")).get(0);
    assertEquals("nokv", failure.get("system"));
    assertEquals(null, failure.get("workload"));
  }

  @Test
  void aLoadThatFailsIsOneLineNamingTargetAndWorkload() {
    // The table exists already: CREATE TABLE fails.
    InProcessH2 h2 = new InProcessH2(Set.of());
    ServerFactory tableExists = (target, dir) -> {
      DatabaseServer server = h2.start(target, dir);
      try (Connection c = DriverManager.getConnection(server.endpoint().url(), "sa", "");
          Statement s = c.createStatement()) {
        s.execute("CREATE TABLE bench_kv (id BIGINT PRIMARY KEY)");
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      return server;
    };
    Run r = sql(tableExists, args("--targets", "h2"));
    assertEquals(1, r.code(), r.out() + r.err());
    String line = r.err().lines().findFirst().orElse("");
    assertTrue(line.startsWith("nokv bench sql: target h2: load: CREATE TABLE failed (SQLState 42S01"), line);
    assertEquals(List.of(SqlTarget.H2), h2.stopped, "the server is stopped after the failure");
  }

  @Test
  void badArgumentsAreUsageErrors() {
    InProcessH2 none = new InProcessH2(Set.of());
    Run unknown = sql(none, "--targets", "nokv,mysql");
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().contains("unknown target 'mysql'; choose from nokv, h2, postgres"), unknown.err());
    Run workload = sql(none, "--workloads", "point-select,delete");
    assertEquals(2, workload.code());
    assertTrue(workload.err().contains("unknown workload 'delete'"), workload.err());
    assertEquals(2, sql(none, "--threads", "0").code());
    assertEquals(2, sql(none, "--threads", "257").code());
    assertEquals(2, sql(none, "--threads", "four").code());
    assertEquals(2, sql(none, "--rows", "9").code());
    assertEquals(2, sql(none, "--duration-seconds", "0").code());
    assertEquals(2, sql(none, "--warmup-seconds", "-1").code());
    assertEquals(2, sql(none, "--runs", "0").code());
    assertEquals(2, sql(none, "--start-timeout-seconds", "0").code());
    assertEquals(2, sql(none, "--targets", ",").code());
    Run profile = sql(none, "--targets", "h2", "--profile-nokv");
    assertEquals(2, profile.code());
    assertTrue(profile.err().contains("--profile-nokv needs nokv in --targets"), profile.err());
    assertTrue(none.started.isEmpty(), "nothing starts on a usage error");
  }

  @Test
  void validatedSettingsKeepTheOrderAndDropDuplicates() {
    SqlBenchCommand command = new SqlBenchCommand();
    new CommandLine(command).parseArgs("--targets", "postgres,NOKV,postgres", "--workloads", "update,point-select",
        "--nokv-server-opts", "  -Xmx1g ");
    SqlBenchConfig c = command.validate();
    assertEquals(List.of(SqlTarget.POSTGRES, SqlTarget.NOKV), c.targets());
    assertEquals(List.of(SqlTarget.NOKV, SqlTarget.POSTGRES), c.order(2));
    assertEquals(List.of(SqlWorkload.UPDATE, SqlWorkload.POINT_SELECT), c.workloads());
    assertEquals("-Xmx1g", c.nokvServerOpts());
    assertEquals(4, c.threads());
    assertEquals(100_000, c.rows());
    assertEquals(3, c.runs());
  }
}
