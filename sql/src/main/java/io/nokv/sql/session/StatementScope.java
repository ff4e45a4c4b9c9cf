package io.nokv.sql.session;

import io.nokv.sql.catalog.TableDef;
import io.nokv.txn.Txn;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;

/**
 * What one statement reads and writes through. Subclasses decide the transaction: the session's
 * spanning one, or the statement's own in autocommit mode.
 */
public abstract sealed class StatementScope permits TxnScope, AutoCommitScope {
  protected final Session session;
  private final Map<Long, Long> writtenVersions = new HashMap<>();
  private Map<ByteBuffer, LinkedHashSet<ByteBuffer>> rowKeysByValues;

  StatementScope(Session session) {
    this.session = session;
  }

  public Session session() {
    return session;
  }

  /** The reader for a scan; {@code forWrite} scans feed a modification and read in its transaction. */
  public abstract RowReader reader(boolean forWrite);

  /** The transaction writes go to. */
  public abstract Txn writeTxn();

  /** Called once the statement's writes are all made; autocommit commits here. */
  public abstract void writesDone();

  /** Records that the statement wrote to this table at this definition version. */
  public synchronized void wrote(TableDef def) {
    writtenVersions.putIfAbsent(def.id(), def.version());
  }

  synchronized Map<Long, Long> writtenTables() {
    return writtenVersions;
  }

  /**
   * Remembers the hidden row key of a row a write-feeding scan produced, by its encoded values, so
   * that the UPDATE or DELETE that consumes the row can find it again (tables without a primary key
   * have no other way to name a row).
   */
  public synchronized void rememberRowKey(ByteBuffer values, byte[] rowKey) {
    if (rowKeysByValues == null) {
      rowKeysByValues = new HashMap<>();
    }
    rowKeysByValues.computeIfAbsent(values, k -> new LinkedHashSet<>()).add(ByteBuffer.wrap(rowKey));
  }

  /** A remembered row key for a row with these values, each handed out once; null if none is left. */
  public synchronized byte[] takeRowKey(ByteBuffer values) {
    if (rowKeysByValues == null) {
      return null;
    }
    LinkedHashSet<ByteBuffer> keys = rowKeysByValues.get(values);
    if (keys == null || keys.isEmpty()) {
      return null;
    }
    ByteBuffer first = keys.iterator().next();
    keys.remove(first);
    return first.array();
  }
}
