package io.nokv.txn.actions;

import io.nokv.kv.Db;
import io.nokv.kv.DbIterator;
import io.nokv.kv.ReadOptions;
import io.nokv.txn.mvcc.Lock;
import io.nokv.txn.mvcc.MutationKind;
import io.nokv.txn.mvcc.MvccKeys;
import io.nokv.txn.mvcc.MvccReader;
import io.nokv.txn.mvcc.Write;
import io.nokv.txn.rpc.KeyError;
import io.nokv.txn.rpc.KeyErrorException;
import io.nokv.txn.rpc.KvPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A snapshot range read at {@code readTs}, forward or reverse, merging a cursor over the lock
 * space with one over the write space (as TiKV's scanner does).
 *
 * <p>The lock cursor is opened before the write cursor. A transaction that commits below
 * {@code readTs} had its lock in place before {@code readTs} was issued, so either the lock cursor
 * sees the lock or the (later) write cursor sees the commit.
 */
public final class MvccScan {
  private MvccScan() {}

  /** Pairs read so far and, when a lock stopped the scan, the error (the caller resolves it and resumes at its key). */
  public record Result(List<KvPair> pairs, KeyError error) {}

  /**
   * @param start first user key (inclusive); null for the start of the keyspace
   * @param end last user key (exclusive); null for the end of the keyspace
   * @param limit the most pairs to return
   * @param reverse scan from {@code end} down to {@code start}
   */
  public static Result scan(
      Db db, byte[] start, byte[] end, int limit, long readTs, boolean reverse, Set<Long> bypassLocks) {
    List<KvPair> out = new ArrayList<>(Math.min(limit, 256));
    if (limit <= 0 || (start != null && end != null && Arrays.compareUnsigned(start, end) >= 0)) {
      return new Result(out, null);
    }
    try (DbIterator locks = db.newIterator(bounds(MvccKeys.LOCK, start, end));
        DbIterator writes = db.newIterator(bounds(MvccKeys.WRITE, start, end));
        MvccReader reader = new MvccReader(db)) {
      if (reverse) {
        locks.seekToLast();
        writes.seekToLast();
      } else {
        locks.seekToFirst();
        writes.seekToFirst();
      }
      while (out.size() < limit) {
        // Compare the escaped user keys (bytes after the space byte): the escape keeps their order.
        byte[] lockKey = locks.isValid() ? locks.key() : null;
        byte[] writeKey = writes.isValid() ? writes.key() : null;
        if (lockKey == null && writeKey == null) {
          break;
        }
        int cmp;
        if (lockKey == null) {
          cmp = 1;
        } else if (writeKey == null) {
          cmp = -1;
        } else {
          cmp =
              Arrays.compareUnsigned(
                  lockKey, 1, lockKey.length, writeKey, 1, writeKey.length - MvccKeys.TS_LENGTH);
          if (reverse) {
            cmp = -cmp;
          }
        }
        if (cmp <= 0) {
          byte[] userKey = MvccKeys.userKey(lockKey);
          try {
            MvccGet.checkLock(userKey, Lock.decode(locks.value()), readTs, bypassLocks);
          } catch (KeyErrorException e) {
            return new Result(out, e.error());
          }
          if (reverse) {
            locks.prev();
          } else {
            locks.next();
          }
          if (cmp < 0) {
            continue; // a lock with no committed versions: nothing to read
          }
        }
        byte[] prefix = MvccKeys.versionPrefix(writeKey);
        byte[] userKey = MvccKeys.userKey(writeKey);
        Write visible = visibleVersion(writes, prefix, userKey, readTs);
        if (visible != null && visible.kind() == MutationKind.PUT) {
          out.add(new KvPair(userKey, reader.valueOf(userKey, visible)));
        }
        if (reverse) {
          writes.seekForPrev(prefix); // lands on the previous user key's oldest version
        } else {
          byte[] next = prefix.clone();
          next[next.length - 1]++; // prefix ends in 0x00 0x01; no escaped key continues with 0x00 0x02
          writes.seek(next);
        }
      }
    }
    return new Result(out, null);
  }

  /** The newest PUT or DELETE of the key at or below {@code readTs}; leaves the cursor inside the key's versions. */
  private static Write visibleVersion(DbIterator writes, byte[] prefix, byte[] userKey, long readTs) {
    writes.seek(MvccKeys.writeKey(userKey, readTs));
    for (; writes.isValid(); writes.next()) {
      byte[] k = writes.key();
      if (!MvccKeys.isVersionOf(k, prefix)) {
        return null;
      }
      Write w = Write.decode(writes.value());
      if (w.kind().changesData()) {
        return w;
      }
    }
    return null;
  }

  private static ReadOptions bounds(byte space, byte[] start, byte[] end) {
    return new ReadOptions()
        .setLowerBound(MvccKeys.spaceLowerBound(space, start))
        .setUpperBound(MvccKeys.spaceUpperBound(space, end));
  }
}
