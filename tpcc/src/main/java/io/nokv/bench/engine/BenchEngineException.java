package io.nokv.bench.engine;

/** An engine failed an operation; the message names the operation, {@link #engine()} the engine. */
public final class BenchEngineException extends RuntimeException {
  private final String engine;

  public BenchEngineException(String engine, String operation, Throwable cause) {
    super(operation + " failed: " + describe(cause), cause);
    this.engine = engine;
  }

  public String engine() {
    return engine;
  }

  private static String describe(Throwable t) {
    String msg = t.getMessage();
    return msg == null || msg.isBlank() ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + msg;
  }
}
