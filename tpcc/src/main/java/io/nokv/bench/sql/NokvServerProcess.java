package io.nokv.bench.sql;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A NoKV server run by the repository's launcher, {@code <home>/nokv server --dir DIR --sql-port 0},
 * with {@code NOKV_NO_BUILD=1} (the benchmark runs from a launcher that built everything, and a
 * build must not run during a measurement) and {@code NOKV_JAVA_OPTS} set to {@code --nokv-server-opts}
 * or removed, so that options meant for the benchmark's JVM (a JFR recording) do not leak into it.
 * Ready when stdout prints {@code NoKV server ready: sql=HOST:PORT data=DIR ...}; clients connect to
 * {@code jdbc:nokv://HOST:PORT} with {@value #DRIVER}.
 */
final class NokvServerProcess implements DatabaseServer {
  static final String DRIVER = "io.nokv.jdbc.NokvDriver";
  static final Pattern READY = Pattern.compile("NoKV server ready: .*?\\bsql=(\\[[^\\]]+\\]|[^\\s:]+):(\\d+)");

  private final ChildProcess process;
  private final JdbcEndpoint endpoint;

  private NokvServerProcess(ChildProcess process, JdbcEndpoint endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  /**
   * Starts the server with its data in {@code dir} and waits for its ready line; on failure the
   * process is stopped and {@link TargetUnavailableException} carries the tail of its output.
   */
  static NokvServerProcess start(Path home, Path dir, String javaOpts, Duration timeout) throws InterruptedException {
    String target = SqlTarget.NOKV.label;
    List<String> command = List.of(home.resolve("nokv").toString(), "server", "--dir", dir.toString(), "--sql-port", "0");
    Map<String, String> env = new HashMap<>();
    env.put("NOKV_NO_BUILD", "1");
    env.put("NOKV_JAVA_OPTS", javaOpts); // null removes it
    ChildProcess p;
    try {
      p = ChildProcess.start("the NoKV server", command, home, env);
    } catch (IOException e) {
      throw new TargetUnavailableException(target, "cannot run " + String.join(" ", command), e);
    }
    try {
      Matcher m = READY.matcher(p.awaitLine(line -> READY.matcher(line).find(), timeout));
      if (!m.find()) {
        throw new IllegalStateException("unparsable ready line");
      }
      String url = "jdbc:nokv://" + m.group(1) + ":" + m.group(2);
      return new NokvServerProcess(p, new JdbcEndpoint(target, url, DRIVER, null, null));
    } catch (IllegalStateException | TimeoutException e) {
      p.close();
      throw new TargetUnavailableException(target, "the NoKV server did not start: " + e.getMessage() + " ("
          + p.commandLine() + "); its output ends with: " + p.outputTail());
    } catch (InterruptedException | RuntimeException e) {
      p.close();
      throw e;
    }
  }

  @Override
  public JdbcEndpoint endpoint() {
    return endpoint;
  }

  @Override
  public String description() {
    return "NoKV server pid " + process.pid() + ", " + endpoint.url();
  }

  @Override
  public void close() {
    process.close();
  }
}
