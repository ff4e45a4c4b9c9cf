package io.nokv.kv;

/** The {@link Db}, or the iterator/snapshot used, has been closed. */
public class DbClosedException extends KvException {
  public DbClosedException(String what) {
    super(what + " is closed");
  }
}
