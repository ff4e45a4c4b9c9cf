package io.nokv.bench.sql;

import java.nio.file.Path;

/**
 * The hook of {@code --profile-nokv}: after the NoKV server of a run has stopped, the same point
 * select is measured again in this JVM through the embedded URL {@code jdbc:nokv:file:DIR} on the
 * server's data directory (same rows), so that "remote minus embedded" shows what the network and
 * Avatica add per statement. Runs only when {@value #DRIVER} (module sql) is on the classpath.
 *
 * <p>A breakdown of the embedded time (planning, execution, storage) is for a profiler: run the
 * benchmark with {@code NOKV_JAVA_OPTS="-XX:StartFlightRecording=filename=embedded.jfr,settings=profile"}
 * (the embedded measurement runs in the benchmark's JVM) and the server with {@code
 * --nokv-server-opts "-XX:StartFlightRecording=filename=server.jfr,settings=profile"}.
 */
final class EmbeddedNokvProfile {
  static final String DRIVER = "io.nokv.sql.jdbc.NokvEmbeddedDriver";

  private EmbeddedNokvProfile() {}

  static boolean available() {
    return JdbcEndpoint.classPresent(DRIVER);
  }

  static JdbcEndpoint endpoint(Path dir) {
    return new JdbcEndpoint(SqlTarget.NOKV_EMBEDDED, "jdbc:nokv:file:" + dir, DRIVER, null, null);
  }
}
