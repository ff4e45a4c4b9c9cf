package io.nokv.bench.sql;

import io.nokv.bench.ChildProcess;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * H2's TCP server in a child JVM: this JDK's {@code java}, the h2 jar the benchmark itself loads,
 * {@code org.h2.tools.Server -tcp -tcpPort 0 -ifNotExists -baseDir DIR}, bound to loopback only
 * ({@code -Dh2.bindAddress=127.0.0.1}). The server picks its port and prints it ({@code TCP server
 * running at tcp://ADDRESS:PORT ...}); clients use {@code jdbc:h2:tcp://127.0.0.1:PORT/./bench},
 * a file database {@code DIR/bench.mv.db} with H2's default (MVStore) settings.
 */
final class H2ServerProcess implements DatabaseServer {
  static final String DRIVER = "org.h2.Driver";
  private static final Pattern READY = Pattern.compile("TCP server running at tcp://\\S+:(\\d+)");

  private final ChildProcess process;
  private final JdbcEndpoint endpoint;

  private H2ServerProcess(ChildProcess process, JdbcEndpoint endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  static H2ServerProcess start(Path dir, Duration timeout) throws InterruptedException {
    String target = SqlTarget.H2.label;
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = List.of(java, "-Dh2.bindAddress=127.0.0.1", "-cp", h2Jar(target), "org.h2.tools.Server",
        "-tcp", "-tcpPort", "0", "-ifNotExists", "-baseDir", dir.toString());
    ChildProcess p;
    try {
      p = ChildProcess.start("the H2 server", command, dir, Map.of());
    } catch (IOException e) {
      throw new TargetUnavailableException(target, "cannot run " + String.join(" ", command), e);
    }
    try {
      Matcher m = READY.matcher(p.awaitLine(line -> READY.matcher(line).find(), timeout));
      if (!m.find()) {
        throw new IllegalStateException("unparsable ready line");
      }
      String url = "jdbc:h2:tcp://127.0.0.1:" + m.group(1) + "/./bench";
      return new H2ServerProcess(p, new JdbcEndpoint(target, url, DRIVER, "nokv", "nokv"));
    } catch (IllegalStateException | TimeoutException e) {
      p.close();
      throw new TargetUnavailableException(target, "the H2 server did not start: " + e.getMessage() + " ("
          + p.commandLine() + "); its output ends with: " + p.outputTail());
    } catch (InterruptedException | RuntimeException e) {
      p.close();
      throw e;
    }
  }

  /** The jar (or class directory) that holds H2's server, as loaded by this JVM. */
  private static String h2Jar(String target) {
    try {
      return Path.of(org.h2.tools.Server.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException | RuntimeException e) {
      throw new TargetUnavailableException(target, "cannot locate the h2 jar", e);
    }
  }

  @Override
  public JdbcEndpoint endpoint() {
    return endpoint;
  }

  @Override
  public String description() {
    return "H2 server pid " + process.pid() + ", " + endpoint.url();
  }

  @Override
  public void close() {
    process.close();
  }
}
