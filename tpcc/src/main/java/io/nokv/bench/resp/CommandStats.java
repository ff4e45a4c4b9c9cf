package io.nokv.bench.resp;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code INFO commandstats} section of a Redis server (and of NoKV's gateway, which prints the
 * same format): one line per command that has run,
 *
 * <pre>cmdstat_get:calls=10,usec=20,usec_per_call=2.00,rejected_calls=0,failed_calls=0</pre>
 *
 * with the total calls and the microseconds spent executing them (not reading, parsing or writing
 * the connection). {@link #delta} turns two snapshots into the server time of what ran in between.
 */
final class CommandStats {
  private CommandStats() {}

  /** One command's counters; {@code failedCalls} is -1 when the line has none. */
  record Stat(long calls, long usec, long failedCalls) {}

  /** What ran between two snapshots: calls, microseconds executing them, and their ratio. */
  record ServerTime(long calls, long usec, long failedCalls) {
    double usecPerCall() {
      return calls == 0 ? Double.NaN : (double) usec / calls;
    }
  }

  /**
   * The counters per command name (lower-cased; subcommands as Redis names them, {@code config|get}).
   * Lines that are not {@code cmdstat_} lines, or lack {@code calls} or {@code usec}, are skipped.
   */
  static Map<String, Stat> parse(String info) {
    Map<String, Stat> out = new LinkedHashMap<>();
    for (String raw : info.split("\r?\n")) {
      String line = raw.strip();
      if (!line.startsWith("cmdstat_")) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = line.substring("cmdstat_".length(), colon).toLowerCase(java.util.Locale.ROOT);
      Map<String, String> fields = new LinkedHashMap<>();
      for (String kv : line.substring(colon + 1).split(",")) {
        int eq = kv.indexOf('=');
        if (eq > 0) {
          fields.put(kv.substring(0, eq).strip(), kv.substring(eq + 1).strip());
        }
      }
      Long calls = number(fields.get("calls"));
      Long usec = number(fields.get("usec"));
      if (calls == null || usec == null) {
        continue;
      }
      Long failed = number(fields.get("failed_calls"));
      out.put(name, new Stat(calls, usec, failed == null ? -1 : failed));
    }
    return out;
  }

  /**
   * {@code command}'s calls and time between {@code before} and {@code after}; null when {@code
   * after} has no line for it or its counters went backwards (the server restarted or reset them).
   * A command absent from {@code before} had not run yet: zero.
   */
  static ServerTime delta(Map<String, Stat> before, Map<String, Stat> after, String command) {
    Stat a = after.get(command);
    if (a == null) {
      return null;
    }
    Stat b = before.getOrDefault(command, new Stat(0, 0, a.failedCalls() < 0 ? -1 : 0));
    long calls = a.calls() - b.calls();
    long usec = a.usec() - b.usec();
    if (calls < 0 || usec < 0) {
      return null;
    }
    long failed = a.failedCalls() < 0 || b.failedCalls() < 0 ? -1 : a.failedCalls() - b.failedCalls();
    return new ServerTime(calls, usec, failed);
  }

  private static Long number(String s) {
    if (s == null) {
      return null;
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
