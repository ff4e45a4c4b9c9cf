package io.nokv.bench.resp;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One redis-benchmark run: which run, target, pipeline depth and test, what redis-benchmark reported
 * ({@code figures}), how long the run took on the wall clock, its command line, and the server's own
 * time for the test's command from {@code INFO commandstats} ({@code server}, null with {@code
 * profileNote} saying why when it is unavailable).
 *
 * <p>Per request the server part is {@code pipeline x usec_per_call}: a server executes a pipeline's
 * commands before their replies leave, and redis-benchmark times each request of a pipeline to the
 * first reply. What the client saw beyond that ({@link #outsideMs}) is network, event loop,
 * parsing, reply writing and waiting behind the other clients.
 */
record RespMeasurement(int run, RespTarget target, int pipeline, RespTest test, int requests,
    RedisBenchmark.Figures figures, long wallNanos, String command, CommandStats.ServerTime server,
    String profileNote) {

  double rps() {
    return figures.rps();
  }

  /** The server's microseconds per call of the test's command; NaN when unavailable. */
  double usecPerCall() {
    return server == null ? Double.NaN : server.usecPerCall();
  }

  /** The server's execution time per request as the client sees it, in microseconds; NaN when unavailable. */
  double serverUsecPerRequest() {
    return usecPerCall() * pipeline;
  }

  /** The client's average latency minus {@link #serverUsecPerRequest}, in ms; NaN when unavailable. */
  double outsideMs() {
    return outsideMs(figures.avgMs(), usecPerCall(), pipeline);
  }

  static double outsideMs(double clientAvgMs, double usecPerCall, int pipeline) {
    return clientAvgMs - usecPerCall * pipeline / 1000.0;
  }

  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("run", run);
    m.put("target", target.label);
    m.put("pipeline", pipeline);
    m.put("test", test.label);
    m.put("requests", requests);
    m.put("ops_per_sec", figures.rps());
    m.put("avg_ms", figures.avgMs());
    m.put("min_ms", figures.minMs());
    m.put("p50_ms", figures.p50Ms());
    m.put("p95_ms", figures.p95Ms());
    m.put("p99_ms", figures.p99Ms());
    m.put("max_ms", figures.maxMs());
    m.put("wall_ms", wallNanos / 1e6);
    m.put("command", command);
    Map<String, Object> s = null;
    if (server != null) {
      s = new LinkedHashMap<>();
      s.put("calls", server.calls());
      s.put("usec", server.usec());
      s.put("usec_per_call", server.usecPerCall());
      s.put("failed_calls", server.failedCalls() < 0 ? null : server.failedCalls());
      s.put("server_usec_per_request", serverUsecPerRequest());
      s.put("outside_ms", outsideMs());
    }
    m.put("server", s);
    m.put("profile_note", profileNote);
    return m;
  }
}
