package io.nokv.kv;

/**
 * Per-write settings. The default is durable: {@code sync = true}, WAL on, so a write has reached
 * the device when the call returns. {@code disableWal} is for callers that keep their own log (the
 * server applies Raft entries this way); such writes are lost on a crash until {@link Db#flush()}.
 */
public final class WriteOptions {
  private boolean sync = true;
  private boolean disableWal = false;

  public static final WriteOptions DEFAULT = new WriteOptions().freeze();

  private boolean frozen;

  private WriteOptions freeze() {
    frozen = true;
    return this;
  }

  private void checkMutable() {
    if (frozen) {
      throw new UnsupportedOperationException("WriteOptions.DEFAULT is shared; create new WriteOptions() to change settings");
    }
  }

  public boolean sync() {
    return sync;
  }

  public WriteOptions setSync(boolean sync) {
    checkMutable();
    this.sync = sync;
    return this;
  }

  public boolean disableWal() {
    return disableWal;
  }

  public WriteOptions setDisableWal(boolean disableWal) {
    checkMutable();
    this.disableWal = disableWal;
    return this;
  }

  @Override
  public String toString() {
    return "WriteOptions{sync=" + sync + ", disableWal=" + disableWal + "}";
  }
}
