package io.nokv.bench.sql;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A {@link ServerFactory} for tests: every target is an embedded H2 file database in the directory
 * the benchmark gives it ({@code jdbc:h2:DIR/bench}), so the harness runs without servers. Targets in
 * {@code unavailable} fail to start instead. Records what it started and stopped.
 */
final class InProcessH2 implements ServerFactory {
  record Started(SqlTarget target, Path dir) {}

  private final Set<SqlTarget> unavailable;
  final List<Started> started = new ArrayList<>();
  final List<SqlTarget> stopped = new ArrayList<>();

  InProcessH2(Set<SqlTarget> unavailable) {
    this.unavailable = unavailable;
  }

  @Override
  public DatabaseServer start(SqlTarget target, Path dir) {
    if (unavailable.contains(target)) {
      throw new TargetUnavailableException(target.label, "the test says it is unavailable");
    }
    started.add(new Started(target, dir));
    JdbcEndpoint endpoint = new JdbcEndpoint(target.label, "jdbc:h2:" + dir.resolve("bench"), "org.h2.Driver", "sa", "");
    return new DatabaseServer() {
      @Override
      public JdbcEndpoint endpoint() {
        return endpoint;
      }

      @Override
      public String description() {
        return "in-process H2 in " + dir;
      }

      @Override
      public void close() {
        stopped.add(target);
      }
    };
  }
}
