package io.nokv.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A NoKV server run by the repository's launcher, {@code <home>/nokv server --dir DIR --sql-port 0
 * EXTRA...}, with {@code NOKV_NO_BUILD=1} (the benchmark runs from a launcher that built everything,
 * and a build must not run during a measurement) and {@code NOKV_JAVA_OPTS} set to the benchmark's
 * server options or removed, so that options meant for the benchmark's JVM (a JFR recording) do not
 * leak into it. The caller's extra arguments choose the other listeners (e.g. {@code --resp-port 0}
 * or {@code --resp-port -1}).
 *
 * <p>Ready when stdout prints {@code NoKV server ready: sql=HOST:PORT [resp=HOST:PORT] data=DIR}
 * (in any order after the prefix); {@link #sql()} and {@link #resp()} are the addresses it names
 * ({@code resp} null when the line has none: the gateway is off or absent).
 */
public final class NokvServerProcess implements AutoCloseable {
  /** The SQL listener of a ready line: group 1 the host (IPv6 in brackets), group 2 the port. */
  public static final Pattern READY = Pattern.compile("NoKV server ready: .*?\\bsql=(\\[[^\\]]+\\]|[^\\s:]+):(\\d+)");
  /** The RESP listener of a ready line, as {@link #READY}. */
  public static final Pattern RESP = Pattern.compile("NoKV server ready: .*?\\bresp=(\\[[^\\]]+\\]|[^\\s:]+):(\\d+)");

  /** A listener's address; {@code host} as printed (an IPv6 address keeps its brackets). */
  public record Address(String host, int port) {
    /** The host without IPv6 brackets, for tools that take a bare address ({@code redis-benchmark -h}). */
    public String bareHost() {
      return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    @Override
    public String toString() {
      return host + ":" + port;
    }

    /** The address named by {@code pattern} in {@code line}, or null. */
    static Address find(Pattern pattern, String line) {
      Matcher m = pattern.matcher(line);
      return m.find() ? new Address(m.group(1), Integer.parseInt(m.group(2))) : null;
    }
  }

  private final ChildProcess process;
  private final Address sql;
  private final Address resp;

  private NokvServerProcess(ChildProcess process, Address sql, Address resp) {
    this.process = process;
    this.sql = sql;
    this.resp = resp;
  }

  /**
   * Starts the server with its data in {@code dir} and {@code extraArgs} after the standard ones, and
   * waits for its ready line. {@code javaOpts} becomes its {@code NOKV_JAVA_OPTS} (null: none). On
   * failure the process is stopped and {@link ServerStartException} carries the command and the tail
   * of its output.
   */
  public static NokvServerProcess start(Path home, Path dir, List<String> extraArgs, String javaOpts, Duration timeout)
      throws InterruptedException {
    List<String> command = new ArrayList<>(
        List.of(home.resolve("nokv").toString(), "server", "--dir", dir.toString(), "--sql-port", "0"));
    command.addAll(extraArgs);
    Map<String, String> env = new HashMap<>();
    env.put("NOKV_NO_BUILD", "1");
    env.put("NOKV_JAVA_OPTS", javaOpts); // null removes it
    ChildProcess p;
    try {
      p = ChildProcess.start("the NoKV server", command, home, env);
    } catch (IOException e) {
      throw new ServerStartException("cannot run " + String.join(" ", command), e);
    }
    try {
      String line = p.awaitLine(l -> READY.matcher(l).find(), timeout);
      return new NokvServerProcess(p, Address.find(READY, line), Address.find(RESP, line));
    } catch (IllegalStateException | TimeoutException e) {
      p.close();
      throw new ServerStartException("the NoKV server did not start: " + e.getMessage() + " ("
          + p.commandLine() + "); its output ends with: " + p.outputTail(), null);
    } catch (InterruptedException | RuntimeException e) {
      p.close();
      throw e;
    }
  }

  /** The SQL listener of the ready line. */
  public Address sql() {
    return sql;
  }

  /** The RESP listener of the ready line, or null when it names none. */
  public Address resp() {
    return resp;
  }

  public long pid() {
    return process.pid();
  }

  public String commandLine() {
    return process.commandLine();
  }

  /** The tail of what the server printed (for a message about a failure after it started). */
  public String outputTail() {
    return process.outputTail();
  }

  /** Stops the server: SIGTERM, a grace period, then SIGKILL. Idempotent. */
  @Override
  public void close() {
    process.close();
  }
}
