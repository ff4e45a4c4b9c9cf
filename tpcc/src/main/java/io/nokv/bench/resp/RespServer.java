package io.nokv.bench.resp;

import io.nokv.bench.NokvServerProcess.Address;

/**
 * A running target: the address its RESP listener accepts connections on, and what it is. Closing
 * it stops it (its data directory belongs to the caller, who deletes it after).
 */
interface RespServer extends AutoCloseable {
  Address address();

  /** One line about the running server for the progress output, e.g. its pid and address. */
  String description();

  @Override
  void close();

  /** Starts a target on a fresh, empty directory; tests pass their own. */
  @FunctionalInterface
  interface Factory {
    /**
     * Starts {@code target} with its data in {@code dir}; on failure nothing it started is left
     * running and {@link RespBenchException.TargetUnavailable} says why.
     */
    RespServer start(RespTarget target, java.nio.file.Path dir) throws InterruptedException;
  }
}
