package io.nokv.bench.sql;

/**
 * A target could not be used at all: its server did not start (the message carries the command and
 * the tail of its output), its JDBC driver is not on the classpath, or the first connection failed.
 */
public final class TargetUnavailableException extends SqlBenchException {
  TargetUnavailableException(String target, String message) {
    super(target, message, null);
  }

  TargetUnavailableException(String target, String message, Throwable cause) {
    super(target, message, cause);
  }
}
