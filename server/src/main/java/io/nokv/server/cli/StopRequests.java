package io.nokv.server.cli;

/**
 * How a running {@code nokv server} learns it should stop, and tells that it has. In a real
 * process that is SIGINT or SIGTERM ({@link ProcessStopRequests}); tests ask directly.
 */
interface StopRequests extends AutoCloseable {
  /** Blocks until a stop is requested. */
  void awaitStopRequest() throws InterruptedException;

  /**
   * The server has released everything (endpoint stopped, database closed); called once, also
   * after a failed start. Lets a JVM shutdown that is waiting for it proceed.
   */
  @Override
  void close();
}
