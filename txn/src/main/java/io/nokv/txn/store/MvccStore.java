package io.nokv.txn.store;

import io.nokv.kv.Db;
import io.nokv.kv.WriteOptions;
import io.nokv.txn.actions.CheckTxnStatus;
import io.nokv.txn.actions.Commit;
import io.nokv.txn.actions.Gc;
import io.nokv.txn.actions.MvccGet;
import io.nokv.txn.actions.MvccScan;
import io.nokv.txn.actions.Prewrite;
import io.nokv.txn.actions.ResolveLock;
import io.nokv.txn.actions.Rollback;
import io.nokv.txn.actions.TxnProps;
import io.nokv.txn.mvcc.CommittedWrite;
import io.nokv.txn.mvcc.Lock;
import io.nokv.txn.mvcc.MvccKeys;
import io.nokv.txn.mvcc.MvccReader;
import io.nokv.txn.mvcc.MvccWrites;
import io.nokv.txn.rpc.CheckTxnStatusResponse;
import io.nokv.txn.rpc.GetResponse;
import io.nokv.txn.rpc.KeyError;
import io.nokv.txn.rpc.KeyErrorException;
import io.nokv.txn.rpc.LockInfo;
import io.nokv.txn.rpc.Mutation;
import io.nokv.txn.rpc.PrewriteRequest;
import io.nokv.txn.rpc.PrewriteResponse;
import io.nokv.txn.rpc.ScanResponse;
import io.nokv.txn.rpc.TxnStatus;
import io.nokv.kv.DbIterator;
import io.nokv.kv.ReadOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntToLongFunction;

/**
 * Runs the MVCC actions against one engine: write actions under the latches of their keys, each
 * producing one synced write batch; reads without latches. The region checks are the caller's.
 */
final class MvccStore {
  private final Db db;
  private final IntToLongFunction timestamps;
  private final Latches latches = new Latches(4096);
  private final OnePcLocks onePcLocks = new OnePcLocks();

  MvccStore(Db db, IntToLongFunction timestamps) {
    this.db = db;
    this.timestamps = timestamps;
  }

  GetResponse get(byte[] key, long readTs, Set<Long> bypass) {
    onePcLocks.awaitKey(key);
    try (MvccReader reader = new MvccReader(db)) {
      return new GetResponse(MvccGet.get(reader, key, readTs, bypass), null);
    } catch (KeyErrorException e) {
      return new GetResponse(null, e.error());
    }
  }

  ScanResponse scan(byte[] start, byte[] end, int limit, long readTs, boolean reverse, Set<Long> bypass) {
    onePcLocks.awaitRange(start, end);
    MvccScan.Result r = MvccScan.scan(db, start, end, limit, readTs, reverse, bypass);
    return new ScanResponse(r.pairs(), r.error());
  }

  PrewriteResponse prewrite(PrewriteRequest req) {
    List<byte[]> keys = new ArrayList<>(req.mutations().size());
    for (Mutation m : req.mutations()) {
      keys.add(m.key());
    }
    TxnProps props =
        new TxnProps(req.primary(), req.startTs(), req.lockTtlMillis(), req.txnSize(), Math.max(req.minCommitTs(), req.startTs() + 1));
    try (Latches.Guard g = latches.acquire(keys);
        MvccReader reader = new MvccReader(db)) {
      List<KeyError> locked = new ArrayList<>();
      List<Mutation> toWrite = new ArrayList<>(req.mutations().size());
      for (Mutation m : req.mutations()) {
        try {
          if (Prewrite.check(reader, props, m) == Prewrite.Check.WRITE) {
            toWrite.add(m);
          }
        } catch (KeyErrorException e) {
          if (!(e.error() instanceof KeyError.KeyIsLocked)) {
            return new PrewriteResponse(List.of(e.error()), 0);
          }
          locked.add(e.error()); // collect every lock, so the client resolves them in one round
        }
      }
      if (!locked.isEmpty()) {
        return new PrewriteResponse(locked, 0);
      }
      MvccWrites writes = new MvccWrites();
      if (!req.tryOnePc()) {
        for (Mutation m : toWrite) {
          Prewrite.writeLock(writes, props, m);
        }
        apply(writes);
        return PrewriteResponse.OK;
      }
      if (toWrite.isEmpty()) {
        // A retry of a one-phase commit that went through: report its commit timestamp.
        CommittedWrite own = reader.findTxnRecord(req.mutations().get(0).key(), req.startTs());
        return new PrewriteResponse(List.of(), own == null ? 0 : own.commitTs());
      }
      List<byte[]> written = new ArrayList<>(toWrite.size());
      for (Mutation m : toWrite) {
        written.add(m.key());
      }
      // Publish before taking the commit timestamp: see OnePcLocks.
      var published = onePcLocks.publish(written);
      try {
        long commitTs = Math.max(timestamps.applyAsLong(1), props.minCommitTs());
        for (Mutation m : toWrite) {
          Prewrite.writeCommitted(writes, props, m, commitTs);
        }
        apply(writes);
        return new PrewriteResponse(List.of(), commitTs);
      } finally {
        onePcLocks.release(written, published);
      }
    }
  }

  KeyError commit(List<byte[]> keys, long startTs, long commitTs) {
    try (Latches.Guard g = latches.acquire(keys);
        MvccReader reader = new MvccReader(db)) {
      MvccWrites writes = new MvccWrites();
      for (byte[] k : keys) {
        Commit.commit(reader, writes, k, startTs, commitTs);
      }
      apply(writes);
      return null;
    } catch (KeyErrorException e) {
      return e.error();
    }
  }

  KeyError rollback(List<byte[]> keys, long startTs) {
    try (Latches.Guard g = latches.acquire(keys);
        MvccReader reader = new MvccReader(db)) {
      MvccWrites writes = new MvccWrites();
      for (byte[] k : keys) {
        Rollback.rollback(reader, writes, k, startTs);
      }
      apply(writes);
      return null;
    } catch (KeyErrorException e) {
      return e.error();
    }
  }

  CheckTxnStatusResponse checkTxnStatus(
      byte[] primary, long lockTs, long callerStartTs, long currentTs, boolean rollbackIfNotExist) {
    try (Latches.Guard g = latches.acquire(primary);
        MvccReader reader = new MvccReader(db)) {
      MvccWrites writes = new MvccWrites();
      TxnStatus status =
          CheckTxnStatus.check(reader, writes, primary, lockTs, callerStartTs, currentTs, rollbackIfNotExist);
      apply(writes);
      return new CheckTxnStatusResponse(status, null);
    } catch (KeyErrorException e) {
      return new CheckTxnStatusResponse(null, e.error());
    }
  }

  KeyError resolveLock(long startTs, long commitTs, List<byte[]> keys, byte[] start, byte[] end) {
    List<byte[]> targets = keys;
    if (targets.isEmpty()) {
      targets = new ArrayList<>();
      for (LockInfo l : scanLock(startTs, start, end, Integer.MAX_VALUE)) {
        if (l.startTs() == startTs) {
          targets.add(l.key());
        }
      }
      if (targets.isEmpty()) {
        return null;
      }
    }
    try (Latches.Guard g = latches.acquire(targets);
        MvccReader reader = new MvccReader(db)) {
      MvccWrites writes = new MvccWrites();
      for (byte[] k : targets) {
        ResolveLock.resolve(reader, writes, k, startTs, commitTs);
      }
      apply(writes);
      return null;
    } catch (KeyErrorException e) {
      return e.error();
    }
  }

  List<LockInfo> scanLock(long maxTs, byte[] start, byte[] end, int limit) {
    List<LockInfo> out = new ArrayList<>();
    ReadOptions ro =
        new ReadOptions()
            .setLowerBound(MvccKeys.spaceLowerBound(MvccKeys.LOCK, start))
            .setUpperBound(MvccKeys.spaceUpperBound(MvccKeys.LOCK, end));
    try (DbIterator it = db.newIterator(ro)) {
      for (it.seekToFirst(); it.isValid() && out.size() < limit; it.next()) {
        Lock lock = Lock.decode(it.value());
        if (lock.startTs() <= maxTs) {
          out.add(LockInfo.of(MvccKeys.userKey(it.key()), lock));
        }
      }
    }
    return out;
  }

  Gc.Stats gc(byte[] start, byte[] end, long safePoint) {
    return Gc.gc(db, start, end, safePoint);
  }

  private void apply(MvccWrites writes) {
    if (!writes.isEmpty()) {
      db.write(WriteOptions.DEFAULT, writes.batch());
    }
  }
}
