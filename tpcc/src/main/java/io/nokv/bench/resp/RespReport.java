package io.nokv.bench.resp;

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
 * The settings header, the result tables and the JSON report of {@code nokv bench resp}.
 *
 * <p>Per pipeline depth, a table with each test's per-run rows (for several runs) and its median
 * row: ops/s per target, the NoKV/peer ratios, p50/p99 per target; then where the time goes (client
 * average latency against the server's own time per call from {@code INFO commandstats}); then the
 * goals (PASS / MISS / n/a), the failures and the notes. The JSON:
 *
 * <pre>
 * {"benchmark": "resp", "nokv_version", "started_at",
 *  "settings": {targets, tests, test_commands, pipelines, clients, keyspace, value_size, requests: {depth: n},
 *               threads, runs, order, keep_going, nokv_server_opts, start_timeout_seconds,
 *               test_timeout_seconds, how_started: {target: text}, durability: {target: text}},
 *  "machine": {cores, jvm, os, max_heap_bytes},
 *  "versions": {redis_benchmark, redis_server, redis_benchmark_path},
 *  "redis_benchmark_commands": ["redis-benchmark -h HOST -p PORT ... -t set --csv", ...],
 *  "servers": [{run, target, address, description, start_ms}],
 *  "results": [{run, target, pipeline, test, requests, ops_per_sec, avg_ms, min_ms, p50_ms, p95_ms, p99_ms,
 *               max_ms, wall_ms, command, server: {calls, usec, usec_per_call, failed_calls,
 *               server_usec_per_request, outside_ms} or null, profile_note}],
 *  "medians": [{target, pipeline, test, runs, ops_per_sec, avg_ms, p50_ms, p99_ms, server_usec_per_call,
 *               server_usec_per_request, outside_ms, per_run: {...}}],
 *  "ratios": [{pipeline, test, targets, ops_per_sec_ratio, per_run}],
 *  "targets": [{name, test, pipeline, peer, min, value, status, per_run}],
 *  "failures": [{run, target, test, pipeline, message}], "notes": [...], "aborted": bool}
 * </pre>
 *
 * Latencies in ms as redis-benchmark reports them; server times in microseconds; a value that could
 * not be computed is null.
 */
final class RespReport {
  private RespReport() {}

  /** What ran: the client's and the server's {@code --version} lines (null when not asked or not found). */
  record Versions(String redisBenchmark, String redisServer) {}

  static final int WIDTH = 110;

  // ---- text ----

  static void printHeader(PrintWriter w, RespBenchConfig c, Versions v) {
    String more = "              ";
    w.printf("NoKV RESP benchmark (nokv %s)%n", BenchVersion.projectVersion());
    wrap(w, "  targets:    ", labels(c.targets()) + ", each in turn on a fresh temporary directory per run, only the"
        + " measured one running" + (c.runs() > 1 && c.targets().size() > 1 ? "; the order rotates between runs" : ""));
    for (RespTarget t : c.targets()) {
      wrap(w, String.format(more + "%-11s", t.label + ":"), t.howStarted);
      wrap(w, String.format(more + "%-11s", ""), t.durability);
    }
    wrap(w, "  client:     ", String.format("%s (%s), one run per test and pipeline depth: -c %d -r %d -d %d --csv,"
            + " -n %s; %s", v.redisBenchmark(), c.redisBenchmark(), c.clients(), c.keyspace(), c.valueSize(), requests(c),
        c.threads() > 1 ? "--threads " + c.threads() : "single-threaded client (no --threads)"));
    if (v.redisServer() != null) {
      wrap(w, "  redis:      ", v.redisServer());
    }
    wrap(w, "  tests:      ", String.join(", ", c.tests().stream().map(t -> t.label).toList())
        + ", in this order at each pipeline depth (" + String.join(", ", c.pipelines().stream().map(p -> "-P " + p).toList())
        + "); the keys of GET are those SET wrote:");
    for (RespTest t : c.tests()) {
      w.printf(more + "%-7s %s%n", t.label + ":", t.command);
    }
    wrap(w, "  profile:    ", "INFO commandstats before and after each test: the server's own microseconds per call"
        + " (executing the command only) next to the client's average latency");
    String label = "  goals:      ";
    for (RespSummary.Goal g : RespSummary.Goal.values()) {
      w.printf("%s%s NoKV/%s >= %s (ops/s) at each pipeline depth%n", label, g.test.csvName(), g.peer.product, fmt(g.min));
      label = more;
    }
    w.printf("  runs:       %d%s%n", c.runs(), c.runs() > 1 ? ", each run's figures, then the median of the runs" : "");
    Map<String, Object> m = BenchSupport.machine();
    w.printf("  machine:    %s cores, %s, %s, max heap %s%n", m.get("cores"), m.get("jvm"), m.get("os"),
        Sizes.format((Long) m.get("max_heap_bytes") & ~((1L << 20) - 1)));
    w.flush();
  }

  private static String requests(RespBenchConfig c) {
    List<String> parts = new ArrayList<>();
    for (int p : c.pipelines()) {
      parts.add(String.format("%,d at -P %d", c.requests(p), p));
    }
    return String.join(", ", parts);
  }

  private static void wrap(PrintWriter w, String prefix, String text) {
    BenchSupport.printWrapped(w, prefix, text, WIDTH);
  }

  /** One measurement in one line, for the progress output. */
  static String row(RespMeasurement m) {
    RedisBenchmark.Figures f = m.figures();
    String server = m.server() == null ? "server time n/a"
        : String.format("server %.2f us/call", m.usecPerCall());
    return String.format("%,.0f ops/s, avg %.3f ms, p50 %.3f ms, p99 %.3f ms; %s (%,d requests in %.1f s)",
        f.rps(), f.avgMs(), f.p50Ms(), f.p99Ms(), server, m.requests(), m.wallNanos() / 1e9);
  }

  /** The figures of one table cell group: a run's or the median's. */
  private record Cell(double rps, double p50Ms, double p99Ms) {}

  static void printResults(PrintWriter w, RespBenchConfig c, RespBenchmark.Outcome o) {
    List<RespSummary.Median> medians = RespSummary.medians(c, o.results());
    List<RespTarget> peers = RespSummary.peers(c);
    for (int p : c.pipelines()) {
      w.println();
      w.printf("-P %d (ops/s: higher is better; p50/p99 latency per request in ms: lower is better; %s)%n", p,
          c.runs() > 1 ? "each run, then the median of the " + c.runs() + " runs" : "one run");
      StringBuilder h = new StringBuilder(String.format("%-6s %-6s", "test", "run"));
      for (RespTarget t : c.targets()) {
        h.append(String.format("  %" + opsWidth(t) + "s", t.label + " ops/s"));
      }
      for (RespTarget peer : peers) {
        h.append(String.format("  %" + ratioWidth(peer) + "s", "nokv/" + peer.label));
      }
      for (RespTarget t : c.targets()) {
        h.append(String.format("  %" + latWidth(t) + "s", t.label + " p50/p99"));
      }
      w.println(h);
      for (RespTest test : c.tests()) {
        if (c.runs() > 1) {
          for (int run = 1; run <= c.runs(); run++) {
            final int r = run;
            Map<RespTarget, Cell> cells = new LinkedHashMap<>();
            for (RespTarget t : c.targets()) {
              RespSummary.Median md = RespSummary.find(medians, t, p, test);
              RespMeasurement m = md == null ? null : md.runs().stream().filter(x -> x.run() == r).findFirst().orElse(null);
              if (m != null) {
                cells.put(t, new Cell(m.rps(), m.figures().p50Ms(), m.figures().p99Ms()));
              }
            }
            printRow(w, c, peers, test.label, String.valueOf(run), cells);
          }
        }
        Map<RespTarget, Cell> cells = new LinkedHashMap<>();
        for (RespTarget t : c.targets()) {
          RespSummary.Median md = RespSummary.find(medians, t, p, test);
          if (md != null) {
            cells.put(t, new Cell(md.rps(), md.p50Ms(), md.p99Ms()));
          }
        }
        printRow(w, c, peers, test.label, c.runs() > 1 ? "median" : "1", cells);
      }
    }
    printProfile(w, c, medians, o);
    printTargets(w, c, medians);
    if (!o.failures().isEmpty()) {
      w.println();
      w.println("Failures:");
      for (RespBenchmark.Failure f : o.failures()) {
        w.printf("  run %d, %s%s: %s%n", f.run(), f.target().label,
            f.test() == null ? "" : ", " + f.test().label + " -P " + f.pipeline(), f.message());
      }
    }
    for (String note : o.notes()) {
      w.println("Note: " + note);
    }
    w.flush();
  }

  private static void printRow(PrintWriter w, RespBenchConfig c, List<RespTarget> peers, String test, String run,
      Map<RespTarget, Cell> cells) {
    StringBuilder b = new StringBuilder(String.format("%-6s %-6s", test, run));
    for (RespTarget t : c.targets()) {
      Cell x = cells.get(t);
      b.append(String.format("  %" + opsWidth(t) + "s", x == null ? "-" : String.format("%,.0f", x.rps())));
    }
    for (RespTarget peer : peers) {
      Cell n = cells.get(RespTarget.NOKV);
      Cell x = cells.get(peer);
      double ratio = n == null || x == null ? Double.NaN : BenchSupport.ratio(n.rps(), x.rps());
      b.append(String.format("  %" + ratioWidth(peer) + "s", fmt(ratio)));
    }
    for (RespTarget t : c.targets()) {
      Cell x = cells.get(t);
      b.append(String.format("  %" + latWidth(t) + "s", x == null ? "-" : String.format("%.3f/%.3f", x.p50Ms(), x.p99Ms())));
    }
    w.println(b);
  }

  private static int opsWidth(RespTarget t) {
    return Math.max(11, t.label.length() + 6);
  }

  private static int ratioWidth(RespTarget peer) {
    return Math.max(8, peer.label.length() + 5);
  }

  private static int latWidth(RespTarget t) {
    return Math.max(13, t.label.length() + 8);
  }

  private static void printProfile(PrintWriter w, RespBenchConfig c, List<RespSummary.Median> medians,
      RespBenchmark.Outcome o) {
    if (medians.isEmpty()) {
      return;
    }
    w.println();
    wrap(w, "", "Where the time goes (medians): client avg = redis-benchmark's average latency per request; server"
        + " = INFO commandstats usec_per_call, executing the command only; per request at -P n the server part is"
        + " n x usec_per_call (a pipeline's replies leave together); outside = client avg - server part: network,"
        + " event loop, parsing, replies, waiting behind other clients.");
    w.printf("%-4s  %-6s  %-10s  %13s  %14s  %13s  %10s  %9s%n", "-P", "test", "target", "client avg ms", "server us/call",
        "server us/req", "outside ms", "outside %");
    for (RespSummary.Median m : medians) {
      double usec = m.usecPerCall();
      double outside = m.outsideMs();
      w.printf("%-4d  %-6s  %-10s  %13.3f  %14s  %13s  %10s  %9s%n", m.pipeline(), m.test().label, m.target().label,
          m.avgMs(), Double.isNaN(usec) ? "n/a" : String.format("%.2f", usec),
          Double.isNaN(usec) ? "n/a" : String.format("%.2f", usec * m.pipeline()),
          Double.isNaN(outside) ? "n/a" : String.format("%.3f", outside),
          Double.isNaN(outside) || m.avgMs() == 0 ? "n/a" : String.format("%.1f", 100 * outside / m.avgMs()));
    }
    if (medians.stream().anyMatch(m -> Double.isNaN(m.usecPerCall()))) {
      w.println("  (n/a: see the notes below for why a target's profile is unavailable)");
    }
  }

  private static void printTargets(PrintWriter w, RespBenchConfig c, List<RespSummary.Median> medians) {
    w.println();
    w.printf("Targets (NoKV ops/s / peer ops/s, %s; a benchmark, not a test: a MISS does not change the exit code):%n",
        c.runs() > 1 ? "ratio of the medians, per run in brackets" : "one run");
    for (RespSummary.Goal g : RespSummary.Goal.values()) {
      for (int p : c.pipelines()) {
        RespSummary.Ratio r = RespSummary.ratio(medians, p, g.test, g.peer);
        w.printf("  %-28s %6s   target >= %s   %s%n", g.description(p), fmt(r.value()), fmt(g.min),
            status(g, p, r, c, medians));
      }
    }
  }

  /** PASS or MISS (with the per-run ratios), or n/a with the reason it could not be computed. */
  static String status(RespSummary.Goal g, int pipeline, RespSummary.Ratio r, RespBenchConfig c,
      List<RespSummary.Median> medians) {
    if (r.defined()) {
      String perRun = c.runs() > 1 ? "   [" + String.join(", ", r.perRun().stream().map(RespReport::fmt).toList()) + "]" : "";
      return (r.value() >= g.min ? "PASS" : "MISS") + perRun;
    }
    List<String> missing = new ArrayList<>();
    if (!c.has(RespTarget.NOKV)) {
      missing.add("nokv not in --targets");
    }
    if (!c.has(g.peer)) {
      missing.add(g.peer.label + " not in --targets");
    }
    if (!c.tests().contains(g.test)) {
      missing.add(g.test.label + " not in --tests");
    }
    if (missing.isEmpty()) {
      for (RespTarget t : List.of(RespTarget.NOKV, g.peer)) {
        if (RespSummary.find(medians, t, pipeline, g.test) == null) {
          missing.add(t.label + " " + g.test.label + " -P " + pipeline + " not measured, see the failures");
        }
      }
    }
    return "n/a (" + String.join(", ", missing) + ")";
  }

  static String fmt(double v) {
    return Double.isNaN(v) ? "n/a" : String.format("%.2f", v);
  }

  private static String labels(List<RespTarget> targets) {
    return String.join(", ", targets.stream().map(t -> t.label).toList());
  }

  // ---- JSON ----

  static Map<String, Object> toJson(RespBenchConfig c, Versions v, Instant started, RespBenchmark.Outcome o) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("targets", c.targets().stream().map(t -> t.label).toList());
    settings.put("tests", c.tests().stream().map(t -> t.label).toList());
    Map<String, Object> commands = new LinkedHashMap<>();
    c.tests().forEach(t -> commands.put(t.label, t.command));
    settings.put("test_commands", commands);
    settings.put("pipelines", c.pipelines());
    settings.put("clients", c.clients());
    settings.put("keyspace", c.keyspace());
    settings.put("value_size", c.valueSize());
    Map<String, Object> requests = new LinkedHashMap<>();
    c.pipelines().forEach(p -> requests.put(String.valueOf(p), c.requests(p)));
    settings.put("requests", requests);
    settings.put("threads", c.threads());
    settings.put("runs", c.runs());
    List<Object> order = new ArrayList<>();
    for (int run = 1; run <= c.runs(); run++) {
      order.add(c.order(run).stream().map(t -> t.label).toList());
    }
    settings.put("order", order);
    settings.put("keep_going", c.keepGoing());
    settings.put("nokv_server_opts", c.nokvServerOpts());
    settings.put("start_timeout_seconds", c.startTimeoutSeconds());
    settings.put("test_timeout_seconds", c.testTimeoutSeconds());
    Map<String, Object> how = new LinkedHashMap<>();
    Map<String, Object> durability = new LinkedHashMap<>();
    for (RespTarget t : c.targets()) {
      how.put(t.label, t.howStarted);
      durability.put(t.label, t.durability);
    }
    settings.put("how_started", how);
    settings.put("durability", durability);

    Map<String, Object> versions = new LinkedHashMap<>();
    versions.put("redis_benchmark", v.redisBenchmark());
    versions.put("redis_server", v.redisServer());
    versions.put("redis_benchmark_path", c.redisBenchmark().toString());

    List<Object> templates = new ArrayList<>();
    for (int p : c.pipelines()) {
      for (RespTest t : c.tests()) {
        templates.add(String.join(" ", RedisBenchmark.command(c, "HOST", "PORT", t, p)));
      }
    }

    List<RespSummary.Median> medians = RespSummary.medians(c, o.results());
    List<Object> goals = new ArrayList<>();
    for (RespSummary.Goal g : RespSummary.Goal.values()) {
      for (int p : c.pipelines()) {
        RespSummary.Ratio r = RespSummary.ratio(medians, p, g.test, g.peer);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", g.description(p));
        m.put("test", g.test.label);
        m.put("pipeline", p);
        m.put("peer", g.peer.label);
        m.put("min", g.min);
        m.put("value", r.value());
        m.put("status", r.defined() ? (r.value() >= g.min ? "PASS" : "MISS") : "n/a");
        m.put("per_run", r.perRun());
        goals.add(m);
      }
    }

    Map<String, Object> json = new LinkedHashMap<>();
    json.put("benchmark", "resp");
    json.put("nokv_version", BenchVersion.projectVersion());
    json.put("started_at", started.toString());
    json.put("settings", settings);
    json.put("machine", BenchSupport.machine());
    json.put("versions", versions);
    json.put("redis_benchmark_commands", templates);
    json.put("servers", o.servers().stream().map(s -> (Object) s.toJson()).toList());
    json.put("results", o.results().stream().map(r -> (Object) r.toJson()).toList());
    json.put("medians", medians.stream().map(m -> (Object) m.toJson()).toList());
    json.put("ratios", RespSummary.ratios(c, medians).stream().map(r -> (Object) r.toJson()).toList());
    json.put("targets", goals);
    json.put("failures", o.failures().stream().map(f -> (Object) f.toJson()).toList());
    json.put("notes", o.notes());
    json.put("aborted", o.aborted());
    return json;
  }
}
