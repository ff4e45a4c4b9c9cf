package io.nokv.bench.sql;

import java.nio.file.Path;

/**
 * Starts a target on a fresh, empty data directory. {@link ProcessServers} starts real servers as
 * processes; tests pass one that opens in-process databases.
 */
@FunctionalInterface
interface ServerFactory {
  /**
   * Starts {@code target} with its data in {@code dir}; on failure nothing it started is left
   * running. Throws {@link TargetUnavailableException} when the target cannot be started.
   */
  DatabaseServer start(SqlTarget target, Path dir) throws InterruptedException;
}
