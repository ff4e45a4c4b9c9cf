package io.nokv.bench.sql;

/**
 * Why {@code nokv bench sql} could not measure something: a target that could not be started or
 * reached ({@link TargetUnavailableException}), or a statement that failed while loading or
 * measuring ({@link WorkloadFailedException}). Each names the target (and workload) so that its
 * message is a complete line on its own.
 */
public abstract sealed class SqlBenchException extends RuntimeException
    permits TargetUnavailableException, WorkloadFailedException {
  private final String target;

  SqlBenchException(String target, String message, Throwable cause) {
    super("target " + target + ": " + message, cause);
    this.target = target;
  }

  /** The target's name as in {@code --targets} ({@code nokv-embedded} for the embedded profile). */
  public String target() {
    return target;
  }
}
