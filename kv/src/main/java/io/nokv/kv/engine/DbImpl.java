package io.nokv.kv.engine;

import io.nokv.kv.Db;
import io.nokv.kv.Options;
import java.nio.file.Path;

/** The engine behind {@link Db}. (Being written.) */
public abstract class DbImpl implements Db {
  public static Db open(Path dir, Options options) {
    throw new UnsupportedOperationException("not yet");
  }
}
