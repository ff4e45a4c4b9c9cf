package io.nokv.bench.sql;

import io.nokv.bench.BenchSupport;
import io.nokv.bench.BenchVersion;
import io.nokv.bench.Sizes;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings header, the result tables and the JSON report of {@code nokv bench sql}.
 *
 * <p>Per workload, a table with each system's per-run rows and (for several runs) its median row,
 * then the NoKV/PostgreSQL and NoKV/H2 throughput ratios of the medians with the per-run values;
 * then the targets (PASS / MISS / n/a), the remote-minus-embedded profile when measured, and
 * the failures. The JSON:
 *
 * <pre>
 * {"benchmark": "sql", "nokv_version", "started_at",
 *  "settings": {targets, workloads, workload_sql, threads, duration_seconds, warmup_seconds, runs,
 *               rows, load_batch, order, keep_going, profile_nokv, nokv_server_opts, max_retries,
 *               table, durability: {target: text}},
 *  "machine": {cores, jvm, os, max_heap_bytes},
 *  "servers": [{run, system, url, product, start_ms}],
 *  "loads": [{run, system, rows, duration_ms, rows_per_sec}],
 *  "results": [{run, system, workload, threads, operations, duration_ms, ops_per_sec, p50_ms, p99_ms,
 *               p999_ms, max_ms, mean_ms, retries, errors, unexpected, first_error}],
 *  "medians": [{system, workload, runs, ops_per_sec, p50_ms, p99_ms, p999_ms, mean_ms, retries, errors,
 *               per_run: {run, ops_per_sec, p50_ms, p99_ms, p999_ms}}],
 *  "ratios": [{workload, systems, ops_per_sec_ratio, per_run}],
 *  "targets": [{name, workload, peer, min, value, status, per_run}],
 *  "profile": {remote_mean_ms, embedded_mean_ms, remote_p50_ms, embedded_p50_ms, network_avatica_mean_ms,
 *              network_avatica_p50_ms} or null,
 *  "failures": [{run, system, workload, message}], "notes": [...], "aborted": bool}
 * </pre>
 *
 * Latencies are per statement in milliseconds, retries included; a value that could not be computed
 * (no measurement) is null.
 */
final class SqlReport {
  private SqlReport() {}

  // ---- text ----

  static void printHeader(PrintWriter w, SqlBenchConfig c) {
    String more = "              ";
    w.printf("NoKV SQL benchmark (nokv %s)%n", BenchVersion.projectVersion());
    printWrapped(w, "  targets:    ", labels(c.targets()) + ", each in turn on a fresh temporary directory per run, only the"
        + " measured one running" + (c.runs() > 1 && c.targets().size() > 1 ? "; the order alternates between runs" : ""));
    for (SqlTarget t : c.targets()) {
      printWrapped(w, String.format(more + "%-9s ", t.label + ":"), t.howStarted);
      printWrapped(w, String.format(more + "%-9s ", ""), t.durability);
    }
    printWrapped(w, "  workloads:  ", String.join(", ", c.workloads().stream().map(x -> x.label).toList())
        + ", each alone, every statement in its own transaction (autocommit)");
    for (SqlWorkload x : c.workloads()) {
      w.printf(more + "%-13s %s%n", x.label + ":", x.sql);
      printWrapped(w, String.format(more + "%-13s ", ""), x.description);
    }
    printWrapped(w, "  table:      ", BenchTable.CREATE + ";");
    w.printf(more + "%,d rows loaded first (ids 1..%,d), %d rows per INSERT batch and transaction%n",
        c.rows(), c.rows(), SqlBenchConfig.LOAD_BATCH);
    printWrapped(w, "  clients:    ", String.format("%d thread%s, each with its own connection from a HikariCP pool of %d"
        + " and one prepared statement per workload", c.threads(), c.threads() == 1 ? "" : "s", c.threads()));
    printWrapped(w, "  length:     ", String.format("%d s per workload after %d s of unmeasured warmup; %d run%s%s",
        c.durationSeconds(), c.warmupSeconds(), c.runs(), c.runs() == 1 ? "" : "s",
        c.runs() > 1 ? ", each run's rows printed, then the median of the runs" : ""));
    printWrapped(w, "  errors:     ", String.format("SQLState %s is retried up to %d times (counted as retries); any"
        + " other error %s", StatementWorker.RETRYABLE, SqlBenchConfig.MAX_RETRIES,
        c.keepGoing() ? "is counted and the run goes on (--keep-going)" : "ends the benchmark (fail fast)"));
    String label = "  targets:    ";
    for (SqlSummary.Goal g : SqlSummary.Goal.values()) {
      w.printf("%s%s >= %s (ops/s)%n", label, g.description(), fmt(g.min));
      label = more;
    }
    if (c.profileNokv()) {
      printWrapped(w, "  profile:    ", "NoKV's point-select also through jdbc:nokv:file:DIR in this JVM, on the"
          + " stopped server's data (network + Avatica = remote - embedded)");
    }
    Map<String, Object> m = BenchSupport.machine();
    w.printf("  machine:    %s cores, %s, %s, max heap %s%n", m.get("cores"), m.get("jvm"), m.get("os"),
        Sizes.format((Long) m.get("max_heap_bytes") & ~((1L << 20) - 1)));
    w.flush();
  }

  /** {@code text} after {@code prefix}, wrapped at {@value #WIDTH} columns, continuation lines indented as deep. */
  static void printWrapped(PrintWriter w, String prefix, String text) {
    BenchSupport.printWrapped(w, prefix, text, WIDTH);
  }

  static final int WIDTH = 110;

  /** One measurement in one line, for the progress output. */
  static String row(SqlMeasurement m) {
    return String.format("%,.0f ops/s, p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, retries %,d, errors %,d%s"
            + " (%,d statements in %.1f s)", m.opsPerSec(), m.p50Ms(), m.p99Ms(), m.p999Ms(), m.retries(), m.errors(),
        m.unexpected() > 0 ? String.format(", WARNING %,d unexpected results", m.unexpected()) : "",
        m.operations(), m.nanos() / 1e9);
  }

  static void printResults(PrintWriter w, SqlBenchConfig c, SqlBenchmark.Outcome o) {
    List<SqlSummary.Median> medians = SqlSummary.medians(c, o.results());
    for (SqlWorkload wl : c.workloads()) {
      w.println();
      w.printf("%s (%s; ops/s: higher is better; latency per statement in ms, retries included: lower is better)%n",
          wl.label, c.runs() > 1 ? "each run, then the median of the " + c.runs() + " runs" : "one run");
      w.printf("%-14s %-7s %11s %9s %9s %9s %9s %9s%n", "system", "run", "ops/s", "p50 ms", "p99 ms", "p99.9 ms",
          "retries", "errors");
      boolean any = false;
      for (SqlSummary.Median md : medians) {
        if (md.workload() != wl) {
          continue;
        }
        any = true;
        for (SqlMeasurement r : md.runs()) {
          w.printf("%-14s %-7s %,11.0f %9.3f %9.3f %9.3f %,9d %,9d%n", r.system(), String.valueOf(r.run()), r.opsPerSec(),
              r.p50Ms(), r.p99Ms(), r.p999Ms(), r.retries(), r.errors());
        }
        if (c.runs() > 1) {
          w.printf("%-14s %-7s %,11.0f %9.3f %9.3f %9.3f %,9.0f %,9.0f%n", md.system(), "median", md.opsPerSec(),
              md.p50Ms(), md.p99Ms(), md.p999Ms(), md.retries(), md.errors());
        }
      }
      if (!any) {
        w.println("(nothing measured)");
      }
      List<String> ratios = new ArrayList<>();
      for (SqlSummary.Ratio r : SqlSummary.ratios(c, medians)) {
        if (r.workload() == wl) {
          ratios.add("NoKV/" + r.peer().product + " = " + ratioText(r));
        }
      }
      if (!ratios.isEmpty()) {
        w.println("  " + String.join("   ", ratios));
      }
    }
    printTargets(w, c, medians);
    printProfile(w, medians);
    if (!o.failures().isEmpty()) {
      w.println();
      w.println("Failures:");
      for (SqlBenchmark.Failure f : o.failures()) {
        w.printf("  run %d, %s%s: %s%n", f.run(), f.system(), f.workload() == null ? "" : ", " + f.workload(), f.message());
      }
    }
    for (String note : o.notes()) {
      w.println("Note: " + note);
    }
    w.flush();
  }

  private static void printTargets(PrintWriter w, SqlBenchConfig c, List<SqlSummary.Median> medians) {
    w.println();
    w.printf("Targets (NoKV ops/s / peer ops/s, %s; a benchmark, not a test: a MISS does not change the exit code):%n",
        c.runs() > 1 ? "ratio of the medians, per run in brackets" : "one run");
    for (SqlSummary.Goal g : SqlSummary.Goal.values()) {
      SqlSummary.Ratio r = SqlSummary.ratio(medians, g.workload, g.peer);
      w.printf("  %-32s %6s   target >= %s   %s%n", g.description(), fmt(r.value()), fmt(g.min), status(g, r, c, medians));
    }
  }

  /** PASS or MISS, or n/a with the reason it could not be computed. */
  static String status(SqlSummary.Goal g, SqlSummary.Ratio r, SqlBenchConfig c, List<SqlSummary.Median> medians) {
    if (r.defined()) {
      String perRun = c.runs() > 1 ? "   [" + String.join(", ", r.perRun().stream().map(SqlReport::fmt).toList()) + "]" : "";
      return (r.value() >= g.min ? "PASS" : "MISS") + perRun;
    }
    List<String> missing = new ArrayList<>();
    if (!c.has(SqlTarget.NOKV)) {
      missing.add("nokv not in --targets");
    }
    if (!c.has(g.peer)) {
      missing.add(g.peer.label + " not in --targets");
    }
    if (!c.workloads().contains(g.workload)) {
      missing.add(g.workload.label + " not in --workloads");
    }
    if (missing.isEmpty()) {
      for (String system : List.of(SqlTarget.NOKV.label, g.peer.label)) {
        if (SqlSummary.find(medians, system, g.workload) == null) {
          missing.add(system + " " + g.workload.label + " not measured (see the failures)");
        }
      }
    }
    return "n/a (" + String.join(", ", missing) + ")";
  }

  private static void printProfile(PrintWriter w, List<SqlSummary.Median> medians) {
    Map<String, Object> p = profile(medians);
    if (p == null) {
      return;
    }
    w.println();
    w.println("NoKV point-select, remote against embedded (--profile-nokv; medians):");
    w.printf("  remote   jdbc:nokv://HOST:PORT    mean %.3f ms, p50 %.3f ms%n", p.get("remote_mean_ms"), p.get("remote_p50_ms"));
    w.printf("  embedded jdbc:nokv:file:DIR      mean %.3f ms, p50 %.3f ms%n", p.get("embedded_mean_ms"), p.get("embedded_p50_ms"));
    w.printf("  network + Avatica per statement = remote - embedded: mean %.3f ms, p50 %.3f ms%n",
        p.get("network_avatica_mean_ms"), p.get("network_avatica_p50_ms"));
  }

  /** Remote and embedded point-select latencies and their difference, or null unless both were measured. */
  static Map<String, Object> profile(List<SqlSummary.Median> medians) {
    SqlSummary.Median remote = SqlSummary.find(medians, SqlTarget.NOKV.label, SqlWorkload.POINT_SELECT);
    SqlSummary.Median embedded = SqlSummary.find(medians, SqlTarget.NOKV_EMBEDDED, SqlWorkload.POINT_SELECT);
    if (remote == null || embedded == null) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("remote_mean_ms", remote.meanMs());
    m.put("embedded_mean_ms", embedded.meanMs());
    m.put("remote_p50_ms", remote.p50Ms());
    m.put("embedded_p50_ms", embedded.p50Ms());
    m.put("network_avatica_mean_ms", remote.meanMs() - embedded.meanMs());
    m.put("network_avatica_p50_ms", remote.p50Ms() - embedded.p50Ms());
    return m;
  }

  private static String ratioText(SqlSummary.Ratio r) {
    if (!r.defined()) {
      return "n/a";
    }
    return fmt(r.value()) + (r.perRun().size() > 1
        ? " [" + String.join(", ", r.perRun().stream().map(SqlReport::fmt).toList()) + "]" : "");
  }

  static String fmt(double v) {
    return Double.isNaN(v) ? "n/a" : String.format("%.2f", v);
  }

  private static String labels(List<SqlTarget> targets) {
    return String.join(", ", targets.stream().map(t -> t.label).toList());
  }

  // ---- JSON ----

  static Map<String, Object> toJson(SqlBenchConfig c, Instant started, SqlBenchmark.Outcome o) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("targets", c.targets().stream().map(t -> t.label).toList());
    settings.put("workloads", c.workloads().stream().map(x -> x.label).toList());
    Map<String, Object> sql = new LinkedHashMap<>();
    c.workloads().forEach(x -> sql.put(x.label, x.sql));
    settings.put("workload_sql", sql);
    settings.put("threads", c.threads());
    settings.put("duration_seconds", c.durationSeconds());
    settings.put("warmup_seconds", c.warmupSeconds());
    settings.put("runs", c.runs());
    settings.put("rows", c.rows());
    settings.put("load_batch", SqlBenchConfig.LOAD_BATCH);
    List<Object> order = new ArrayList<>();
    for (int run = 1; run <= c.runs(); run++) {
      order.add(c.order(run).stream().map(t -> t.label).toList());
    }
    settings.put("order", order);
    settings.put("keep_going", c.keepGoing());
    settings.put("profile_nokv", c.profileNokv());
    settings.put("nokv_server_opts", c.nokvServerOpts());
    settings.put("max_retries", SqlBenchConfig.MAX_RETRIES);
    settings.put("table", BenchTable.CREATE);
    Map<String, Object> durability = new LinkedHashMap<>();
    c.targets().forEach(t -> durability.put(t.label, t.durability));
    settings.put("durability", durability);

    List<SqlSummary.Median> medians = SqlSummary.medians(c, o.results());
    List<Object> targets = new ArrayList<>();
    for (SqlSummary.Goal g : SqlSummary.Goal.values()) {
      SqlSummary.Ratio r = SqlSummary.ratio(medians, g.workload, g.peer);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", g.description());
      m.put("workload", g.workload.label);
      m.put("peer", g.peer.label);
      m.put("min", g.min);
      m.put("value", r.value());
      m.put("status", r.defined() ? (r.value() >= g.min ? "PASS" : "MISS") : "n/a");
      m.put("per_run", r.perRun());
      targets.add(m);
    }

    Map<String, Object> json = new LinkedHashMap<>();
    json.put("benchmark", "sql");
    json.put("nokv_version", BenchVersion.projectVersion());
    json.put("started_at", started.toString());
    json.put("settings", settings);
    json.put("machine", BenchSupport.machine());
    json.put("servers", o.servers().stream().map(s -> (Object) s.toJson()).toList());
    json.put("loads", o.loads().stream().map(l -> (Object) l.toJson()).toList());
    json.put("results", o.results().stream().map(r -> (Object) r.toJson()).toList());
    json.put("medians", medians.stream().map(m -> (Object) m.toJson()).toList());
    json.put("ratios", SqlSummary.ratios(c, medians).stream().map(r -> (Object) r.toJson()).toList());
    json.put("targets", targets);
    json.put("profile", profile(medians));
    json.put("failures", o.failures().stream().map(f -> (Object) f.toJson()).toList());
    json.put("notes", o.notes());
    json.put("aborted", o.aborted());
    return json;
  }
}
