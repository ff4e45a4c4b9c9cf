package io.nokv.bench.resp;

import io.nokv.bench.ChildProcess;
import io.nokv.bench.NokvServerProcess.Address;
import io.nokv.bench.ShutdownCleanup;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * One redis-benchmark run: one test ({@code -t}) at one pipeline depth against one server, with
 * {@code --csv}. redis-benchmark 7 prints a header line and one row per test,
 *
 * <pre>
 * "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
 * "SET","124999.99","0.262","0.064","0.255","0.407","0.663","0.967"
 * </pre>
 *
 * and exits with 1 at the first error reply (its stderr names it). Latencies are per request; in a
 * pipeline, redis-benchmark times every request to the arrival of the pipeline's first reply.
 */
final class RedisBenchmark {
  /** Lines of output kept: the CSV is two lines, the rest warnings. */
  private static final int TAIL_LINES = 200;

  private RedisBenchmark() {}

  /** One CSV row: the test's name as redis-benchmark prints it, requests per second, latencies in ms. */
  record Figures(String test, double rps, double avgMs, double minMs, double p50Ms, double p95Ms, double p99Ms,
      double maxMs) {}

  /** The command line: {@code exe -h HOST -p PORT -c C -n N -P P -r R -d D [--threads T] -t TEST --csv}. */
  static List<String> command(RespBenchConfig c, String host, String port, RespTest test, int pipeline) {
    List<String> cmd = new ArrayList<>(List.of(c.redisBenchmark().toString(), "-h", host, "-p", port,
        "-c", String.valueOf(c.clients()), "-n", String.valueOf(c.requests(pipeline)), "-P", String.valueOf(pipeline),
        "-r", String.valueOf(c.keyspace()), "-d", String.valueOf(c.valueSize())));
    if (c.threads() > 1) {
      cmd.addAll(List.of("--threads", String.valueOf(c.threads())));
    }
    cmd.addAll(List.of("-t", test.label, "--csv"));
    return cmd;
  }

  static List<String> command(RespBenchConfig c, Address a, RespTest test, int pipeline) {
    return command(c, a.bareHost(), String.valueOf(a.port()), test, pipeline);
  }

  /**
   * The rows of redis-benchmark's CSV output: the header names the columns (in any order), each
   * following line of as many quoted fields is a row. Throws {@link IllegalArgumentException} when
   * there is no header or a row's number does not parse.
   */
  static List<Figures> parseCsv(List<String> lines) {
    Map<String, Integer> columns = null;
    List<Figures> rows = new ArrayList<>();
    for (String line : lines) {
      List<String> fields = fields(line.strip());
      if (fields == null) {
        continue;
      }
      if (columns == null) {
        if (!fields.isEmpty() && fields.get(0).equals("test")) {
          columns = new HashMap<>();
          for (int i = 0; i < fields.size(); i++) {
            columns.put(fields.get(i), i);
          }
          for (String need : List.of("rps", "avg_latency_ms", "min_latency_ms", "p50_latency_ms", "p95_latency_ms",
              "p99_latency_ms", "max_latency_ms")) {
            if (!columns.containsKey(need)) {
              throw new IllegalArgumentException("redis-benchmark's CSV header has no column " + need + ": " + line);
            }
          }
        }
        continue;
      }
      if (fields.size() != columns.size()) {
        continue;
      }
      rows.add(new Figures(fields.get(0), number(fields, columns, "rps", line), number(fields, columns, "avg_latency_ms", line),
          number(fields, columns, "min_latency_ms", line), number(fields, columns, "p50_latency_ms", line),
          number(fields, columns, "p95_latency_ms", line), number(fields, columns, "p99_latency_ms", line),
          number(fields, columns, "max_latency_ms", line)));
    }
    if (columns == null) {
      throw new IllegalArgumentException("no CSV header (\"test\",\"rps\",...) in redis-benchmark's output");
    }
    return rows;
  }

  private static double number(List<String> fields, Map<String, Integer> columns, String name, String line) {
    String v = fields.get(columns.get(name));
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("redis-benchmark's CSV has '" + v + "' for " + name + ": " + line);
    }
  }

  /** The fields of a CSV line whose every field is double-quoted ("" inside is a quote), or null. */
  static List<String> fields(String line) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = line.length();
    while (i < n) {
      if (line.charAt(i) != '"') {
        return null;
      }
      StringBuilder f = new StringBuilder();
      i++;
      while (true) {
        if (i >= n) {
          return null;
        }
        char ch = line.charAt(i++);
        if (ch == '"') {
          if (i < n && line.charAt(i) == '"') {
            f.append('"');
            i++;
          } else {
            break;
          }
        } else {
          f.append(ch);
        }
      }
      out.add(f.toString());
      if (i < n) {
        if (line.charAt(i) != ',') {
          return null;
        }
        i++;
      }
    }
    return out.isEmpty() ? null : out;
  }

  /**
   * Runs {@code command} (registered with {@code cleanup}, so Ctrl-C stops it) and returns the row of
   * {@code test}. A non-zero exit, a timeout or output without that row is {@link
   * RespBenchException.TestFailed}.
   */
  @SuppressWarnings("try") // the cleanup action is closed, never referenced, in its try block
  static Figures run(ShutdownCleanup cleanup, RespTarget target, RespTest test, int pipeline, List<String> command,
      Duration timeout) throws InterruptedException {
    ChildProcess p;
    try {
      p = ChildProcess.start("redis-benchmark", command, (Path) null, Map.of(), TAIL_LINES);
    } catch (IOException e) {
      throw new RespBenchException.TestFailed(target, test, pipeline, "cannot run " + String.join(" ", command), e);
    }
    ChildProcess.Result r;
    try (ShutdownCleanup.Action stop = cleanup.add("stop redis-benchmark", p::close)) {
      r = p.awaitExit(timeout);
    } catch (TimeoutException e) {
      throw new RespBenchException.TestFailed(target, test, pipeline, e.getMessage()
          + " (--test-timeout-seconds); its output ends with: " + p.outputTail(), null);
    }
    if (r.exitCode() != 0) {
      throw new RespBenchException.TestFailed(target, test, pipeline, "redis-benchmark exited with code "
          + r.exitCode() + ": " + tail(r), null);
    }
    try {
      for (Figures f : parseCsv(r.stdout())) {
        if (f.test().equals(test.csvName())) {
          return f;
        }
      }
      throw new IllegalArgumentException("no row \"" + test.csvName() + "\" in redis-benchmark's CSV output");
    } catch (IllegalArgumentException e) {
      throw new RespBenchException.TestFailed(target, test, pipeline, e.getMessage() + " (" + tail(r) + ")", null);
    }
  }

  private static String tail(ChildProcess.Result r) {
    List<String> lines = new ArrayList<>(r.stderr());
    if (lines.isEmpty()) {
      lines.addAll(r.stdout());
    }
    if (lines.size() > 5) {
      lines = lines.subList(lines.size() - 5, lines.size());
    }
    return lines.isEmpty() ? "(no output)" : String.join(" | ", lines);
  }
}
