package io.nokv.kv.engine;

import io.nokv.kv.DbClosedException;
import io.nokv.kv.DbIterator;
import java.util.function.BooleanSupplier;

/**
 * Refuses use of an iterator once its database is closed, with {@link DbClosedException} rather
 * than whatever a closed file would throw. Closing the iterator stays allowed.
 */
final class OpenCheckedIterator implements DbIterator {
  private final DbIterator in;
  private final BooleanSupplier dbClosed;
  private final String dbName;

  OpenCheckedIterator(DbIterator in, BooleanSupplier dbClosed, String dbName) {
    this.in = in;
    this.dbClosed = dbClosed;
    this.dbName = dbName;
  }

  private DbIterator open() {
    if (dbClosed.getAsBoolean()) {
      throw new DbClosedException("database " + dbName + " (of this iterator)");
    }
    return in;
  }

  @Override public boolean isValid() { return open().isValid(); }
  @Override public void seekToFirst() { open().seekToFirst(); }
  @Override public void seekToLast() { open().seekToLast(); }
  @Override public void seek(byte[] target) { open().seek(target); }
  @Override public void seekForPrev(byte[] target) { open().seekForPrev(target); }
  @Override public void next() { open().next(); }
  @Override public void prev() { open().prev(); }
  @Override public byte[] key() { return open().key(); }
  @Override public byte[] value() { return open().value(); }
  @Override public void close() { in.close(); }
}
