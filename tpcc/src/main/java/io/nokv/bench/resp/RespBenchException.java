package io.nokv.bench.resp;

/**
 * Why {@code nokv bench resp} could not measure something: a target that could not be started or
 * reached ({@link TargetUnavailable}), or one redis-benchmark run that failed ({@link TestFailed}).
 * Each message starts with the target (and the test) so that it is a complete line on its own.
 */
abstract sealed class RespBenchException extends RuntimeException
    permits RespBenchException.TargetUnavailable, RespBenchException.TestFailed {
  private final RespTarget target;

  private RespBenchException(RespTarget target, String message, Throwable cause) {
    super(message, cause);
    this.target = target;
  }

  RespTarget target() {
    return target;
  }

  /** The target did not start, or stopped accepting connections. */
  static final class TargetUnavailable extends RespBenchException {
    TargetUnavailable(RespTarget target, String message, Throwable cause) {
      super(target, "target " + target.label + ": " + message, cause);
    }
  }

  /** redis-benchmark failed on one test: it exited with an error, timed out, or printed no figures. */
  static final class TestFailed extends RespBenchException {
    private final RespTest test;
    private final int pipeline;

    TestFailed(RespTarget target, RespTest test, int pipeline, String message, Throwable cause) {
      super(target, "target " + target.label + ", " + test.label + " -P " + pipeline + ": " + message, cause);
      this.test = test;
      this.pipeline = pipeline;
    }

    RespTest test() {
      return test;
    }

    int pipeline() {
      return pipeline;
    }
  }
}
