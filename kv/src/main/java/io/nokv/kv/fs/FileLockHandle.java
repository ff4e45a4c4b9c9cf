package io.nokv.kv.fs;

import java.io.Closeable;
import java.io.IOException;

/** A held directory lock; closing it releases the lock. */
public interface FileLockHandle extends Closeable {
  @Override
  void close() throws IOException;
}
