package io.nokv.txn.actions;

import io.nokv.kv.Db;
import io.nokv.kv.DbIterator;
import io.nokv.kv.ReadOptions;
import io.nokv.kv.WriteOptions;
import io.nokv.txn.mvcc.MutationKind;
import io.nokv.txn.mvcc.MvccKeys;
import io.nokv.txn.mvcc.MvccWrites;
import io.nokv.txn.mvcc.Write;
import java.util.Arrays;

/**
 * Drops the versions no reader can see any more: for each key, everything older than its newest
 * PUT at or below the safe point, that DELETE itself when the newest is a DELETE, and every LOCK
 * and ROLLBACK record at or below the safe point. Versions above the safe point are kept.
 *
 * <p>Deleting a data key leaves a tombstone; when compaction drops the value it points to, the
 * engine counts the value-log bytes as discardable, and value-log GC reclaims them. The store
 * compacts the range it collected afterwards so that this happens without waiting.
 *
 * <p>Runs without latches: writers only add versions above the safe point (no live transaction is
 * older than it), and the records removed here are never read again.
 */
public final class Gc {
  private Gc() {}

  /** What one run removed; {@code firstDataKey}/{@code lastDataKey} bound the data keys it deleted (null if none). */
  public record Stats(long keysScanned, long versionsRemoved, long dataRemoved, byte[] firstDataKey, byte[] lastDataKey) {}

  private static final int BATCH_OPS = 2048;

  /**
   * @param start first user key (inclusive), null for the start of the keyspace
   * @param end last user key (exclusive), null for the end
   */
  public static Stats gc(Db db, byte[] start, byte[] end, long safePoint) {
    long keys = 0;
    long removed = 0;
    long dataRemoved = 0;
    byte[] firstData = null;
    byte[] lastData = null;
    MvccWrites writes = new MvccWrites();
    ReadOptions ro =
        new ReadOptions()
            .setLowerBound(MvccKeys.spaceLowerBound(MvccKeys.WRITE, start))
            .setUpperBound(MvccKeys.spaceUpperBound(MvccKeys.WRITE, end))
            .setFillCache(false);
    try (DbIterator it = db.newIterator(ro)) {
      byte[] currentPrefix = null;
      byte[] userKey = null;
      boolean baseFound = false;
      for (it.seekToFirst(); it.isValid(); it.next()) {
        byte[] k = it.key();
        if (currentPrefix == null || !MvccKeys.isVersionOf(k, currentPrefix)) {
          currentPrefix = MvccKeys.versionPrefix(k);
          userKey = MvccKeys.userKey(k);
          baseFound = false;
          keys++;
        }
        long commitTs = MvccKeys.timestampOf(k);
        if (commitTs > safePoint) {
          continue;
        }
        Write w = Write.decode(it.value());
        boolean remove;
        if (baseFound) {
          remove = true;
        } else if (w.kind() == MutationKind.PUT) {
          baseFound = true; // the version a read at the safe point sees: keep it
          remove = false;
        } else if (w.kind() == MutationKind.DELETE) {
          baseFound = true; // nothing older is visible, and the delete itself is no longer needed
          remove = true;
        } else {
          remove = true; // LOCK and ROLLBACK records change nothing
        }
        if (!remove) {
          continue;
        }
        writes.deleteWrite(userKey, commitTs);
        removed++;
        if (w.kind() == MutationKind.PUT && w.shortValue() == null) {
          writes.deleteData(userKey, w.startTs());
          byte[] dk = MvccKeys.dataKey(userKey, w.startTs());
          if (firstData == null || Arrays.compareUnsigned(dk, firstData) < 0) {
            firstData = dk;
          }
          if (lastData == null || Arrays.compareUnsigned(dk, lastData) > 0) {
            lastData = dk;
          }
          dataRemoved++;
        }
        if (writes.count() >= BATCH_OPS) {
          db.write(WriteOptions.DEFAULT, writes.batch());
          writes = new MvccWrites();
        }
      }
    }
    if (!writes.isEmpty()) {
      db.write(WriteOptions.DEFAULT, writes.batch());
    }
    return new Stats(keys, removed, dataRemoved, firstData, lastData);
  }
}
