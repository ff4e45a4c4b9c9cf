package io.nokv.bench.sql;

import io.nokv.bench.NokvServerProcess;
import io.nokv.bench.ServerStartException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The NoKV target of {@code nokv bench sql}: a {@link NokvServerProcess} with its RESP gateway off
 * ({@code --resp-port -1}, so that it never competes for the default port 6380), reached at {@code
 * jdbc:nokv://HOST:PORT} of its ready line with {@value #DRIVER}.
 */
final class NokvSqlServer implements DatabaseServer {
  static final String DRIVER = "io.nokv.jdbc.NokvDriver";
  /** What the server gets after {@code --dir DIR --sql-port 0}. */
  static final List<String> EXTRA_ARGS = List.of("--resp-port", "-1");

  private final NokvServerProcess process;
  private final JdbcEndpoint endpoint;

  private NokvSqlServer(NokvServerProcess process, JdbcEndpoint endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  /**
   * Starts the server with its data in {@code dir} and waits for its ready line; on failure the
   * process is stopped and {@link TargetUnavailableException} carries the tail of its output.
   */
  static NokvSqlServer start(Path home, Path dir, String javaOpts, Duration timeout) throws InterruptedException {
    NokvServerProcess p;
    try {
      p = NokvServerProcess.start(home, dir, EXTRA_ARGS, javaOpts, timeout);
    } catch (ServerStartException e) {
      throw new TargetUnavailableException(SqlTarget.NOKV.label, e.getMessage(), e.getCause());
    }
    String url = "jdbc:nokv://" + p.sql();
    return new NokvSqlServer(p, new JdbcEndpoint(SqlTarget.NOKV.label, url, DRIVER, null, null));
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
