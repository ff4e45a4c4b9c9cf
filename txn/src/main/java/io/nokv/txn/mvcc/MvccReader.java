package io.nokv.txn.mvcc;

import io.nokv.kv.Db;
import io.nokv.kv.DbIterator;
import io.nokv.kv.ReadOptions;
import io.nokv.kv.Snapshot;

/**
 * Reads one key's MVCC state: its lock, its write records newest first, its data. Actions run
 * under the store's key latches, so reading the newest engine state is consistent for the keys
 * they hold; read-only actions may pass an engine snapshot.
 *
 * <p>Not thread-safe; close it to release the engine iterator it opens on first use.
 */
public final class MvccReader implements AutoCloseable {
  private final Db db;
  private final ReadOptions readOptions;
  private DbIterator writes;

  public MvccReader(Db db) {
    this(db, null);
  }

  public MvccReader(Db db, Snapshot snapshot) {
    this.db = db;
    this.readOptions = new ReadOptions().setSnapshot(snapshot);
  }

  public Lock loadLock(byte[] key) {
    byte[] v = db.get(readOptions, MvccKeys.lockKey(key));
    return v == null ? null : Lock.decode(v);
  }

  public byte[] loadData(byte[] key, long startTs) {
    byte[] v = db.get(readOptions, MvccKeys.dataKey(key, startTs));
    if (v == null) {
      throw new MvccFormatException(
          "missing data for a committed value (start_ts " + startTs + "): the store lost a write");
    }
    return v;
  }

  /** The value a PUT write record stands for. */
  public byte[] valueOf(byte[] key, Write write) {
    return write.shortValue() != null ? write.shortValue() : loadData(key, write.startTs());
  }

  /** The newest write record of {@code key} stored at or below {@code ts}, of any kind, or null. */
  public CommittedWrite seekWrite(byte[] key, long ts) {
    DbIterator it = writes();
    byte[] prefix = MvccKeys.keyPrefix(MvccKeys.WRITE, key);
    it.seek(MvccKeys.writeKey(key, ts));
    if (!it.isValid() || !MvccKeys.isVersionOf(it.key(), prefix)) {
      return null;
    }
    return new CommittedWrite(MvccKeys.timestampOf(it.key()), Write.decode(it.value()));
  }

  /**
   * The newest PUT or DELETE of {@code key} committed at or below {@code ts} (LOCK and ROLLBACK
   * records are skipped: they change nothing), or null when there is none.
   */
  public CommittedWrite getWrite(byte[] key, long ts) {
    DbIterator it = writes();
    byte[] prefix = MvccKeys.keyPrefix(MvccKeys.WRITE, key);
    for (it.seek(MvccKeys.writeKey(key, ts)); it.isValid(); it.next()) {
      byte[] k = it.key();
      if (!MvccKeys.isVersionOf(k, prefix)) {
        return null;
      }
      Write w = Write.decode(it.value());
      if (w.kind().changesData()) {
        return new CommittedWrite(MvccKeys.timestampOf(k), w);
      }
    }
    return null;
  }

  /**
   * The record left by the transaction that started at {@code startTs} on {@code key}: its commit
   * record or its rollback record, or null when it left none. Only records at or above {@code startTs}
   * are searched: a commit timestamp is never below its start timestamp.
   */
  public CommittedWrite findTxnRecord(byte[] key, long startTs) {
    DbIterator it = writes();
    byte[] prefix = MvccKeys.keyPrefix(MvccKeys.WRITE, key);
    for (it.seek(MvccKeys.writeKey(key, Timestamps.MAX)); it.isValid(); it.next()) {
      byte[] k = it.key();
      if (!MvccKeys.isVersionOf(k, prefix)) {
        return null;
      }
      long commitTs = MvccKeys.timestampOf(k);
      if (commitTs < startTs) {
        return null;
      }
      Write w = Write.decode(it.value());
      if (w.startTs() == startTs) {
        return new CommittedWrite(commitTs, w);
      }
    }
    return null;
  }

  /**
   * What a prewrite at {@code startTs} needs to know, in one pass over the records at or above
   * {@code startTs}: this transaction's own record ({@code own}, as {@link #findTxnRecord}) and the
   * newest record above {@code startTs} that conflicts with it ({@code conflict}: a PUT, DELETE or
   * LOCK; rollbacks of other transactions changed nothing); either may be null.
   */
  public record PrewriteView(CommittedWrite own, CommittedWrite conflict) {}

  public PrewriteView prewriteView(byte[] key, long startTs) {
    DbIterator it = writes();
    byte[] prefix = MvccKeys.keyPrefix(MvccKeys.WRITE, key);
    CommittedWrite conflict = null;
    for (it.seek(MvccKeys.writeKey(key, Timestamps.MAX)); it.isValid(); it.next()) {
      byte[] k = it.key();
      if (!MvccKeys.isVersionOf(k, prefix)) {
        break;
      }
      long commitTs = MvccKeys.timestampOf(k);
      if (commitTs < startTs) {
        break;
      }
      Write w = Write.decode(it.value());
      if (w.startTs() == startTs) {
        return new PrewriteView(new CommittedWrite(commitTs, w), conflict);
      }
      if (conflict == null && commitTs > startTs && w.kind() != MutationKind.ROLLBACK) {
        conflict = new CommittedWrite(commitTs, w);
      }
    }
    return new PrewriteView(null, conflict);
  }

  private DbIterator writes() {
    if (writes == null) {
      ReadOptions o =
          new ReadOptions()
              .setSnapshot(readOptions.snapshot())
              .setLowerBound(new byte[] {MvccKeys.WRITE})
              .setUpperBound(new byte[] {MvccKeys.WRITE + 1});
      writes = db.newIterator(o);
    }
    return writes;
  }

  @Override
  public void close() {
    if (writes != null) {
      writes.close();
      writes = null;
    }
  }
}
