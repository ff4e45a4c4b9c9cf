package io.nokv.bench;

/**
 * A server process a bench command started did not become ready: it could not be run, exited, or
 * printed no ready line in time. The message is one complete line (command and the tail of the
 * server's output); each command wraps it into its own error naming the target.
 */
public final class ServerStartException extends RuntimeException {
  public ServerStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
