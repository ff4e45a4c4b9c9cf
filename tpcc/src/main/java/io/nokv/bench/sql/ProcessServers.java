package io.nokv.bench.sql;

import io.nokv.bench.NokvHome;
import java.nio.file.Path;
import java.time.Duration;

/** Starts each target as its own process: the NoKV server, an H2 TCP server JVM, PostgreSQL. */
final class ProcessServers implements ServerFactory {
  private final SqlBenchConfig config;

  ProcessServers(SqlBenchConfig config) {
    this.config = config;
  }

  @Override
  public DatabaseServer start(SqlTarget target, Path dir) throws InterruptedException {
    Duration timeout = Duration.ofSeconds(config.startTimeoutSeconds());
    return switch (target) {
      case NOKV -> {
        // Checked before the server starts: without the driver there is nothing to measure.
        if (!JdbcEndpoint.classPresent(NokvSqlServer.DRIVER)) {
          throw new TargetUnavailableException(target.label, "the JDBC driver " + NokvSqlServer.DRIVER
              + " is not on the classpath (module jdbc-driver, artifact nokv-jdbc)");
        }
        yield NokvSqlServer.start(home(target), dir, config.nokvServerOpts(), timeout);
      }
      case H2 -> H2ServerProcess.start(dir, timeout);
      case POSTGRES -> PostgresServer.start(home(target), dir, timeout);
    };
  }

  private Path home(SqlTarget target) {
    if (config.nokvHome() == null) {
      throw new TargetUnavailableException(target.label, "cannot find the NoKV repository: " + NokvHome.whereLooked());
    }
    return config.nokvHome();
  }
}
