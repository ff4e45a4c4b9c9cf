package io.nokv.server.cli;

/**
 * A command failed for a reason its message states in full, written for the person at the
 * terminal (what failed, with the directory or address, and what to do). {@link ErrorReporter}
 * prints the message alone, without the class name or the cause; the cause is kept for {@code
 * --verbose}.
 */
final class CommandFailedException extends RuntimeException {
  CommandFailedException(String message, Throwable cause) {
    super(message, cause);
  }

  CommandFailedException(String message) {
    super(message);
  }
}
