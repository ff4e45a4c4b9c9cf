package io.nokv.txn.store;

import io.nokv.kv.Db;
import io.nokv.kv.DbIterator;
import io.nokv.kv.Options;
import io.nokv.kv.ReadOptions;
import io.nokv.kv.WriteBatch;
import io.nokv.kv.WriteOptions;
import io.nokv.txn.actions.Gc;
import io.nokv.txn.mvcc.MvccKeys;
import io.nokv.txn.rpc.CheckTxnStatusResponse;
import io.nokv.txn.rpc.GcResponse;
import io.nokv.txn.rpc.GetResponse;
import io.nokv.txn.rpc.KeyError;
import io.nokv.txn.rpc.KvPair;
import io.nokv.txn.rpc.KvRpc;
import io.nokv.txn.rpc.LockInfo;
import io.nokv.txn.rpc.PdClient;
import io.nokv.txn.rpc.PrewriteRequest;
import io.nokv.txn.rpc.PrewriteResponse;
import io.nokv.txn.rpc.Region;
import io.nokv.txn.rpc.RegionContext;
import io.nokv.txn.rpc.RegionEpoch;
import io.nokv.txn.rpc.RegionException;
import io.nokv.txn.rpc.ScanResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole store in this process: one engine, one region covering the keyspace, the timestamp
 * oracle and the GC safe point. It is both the {@link KvRpc} and the {@link PdClient} of an
 * in-process {@code TxnClient}. Thread-safe.
 */
public final class LocalStore implements KvRpc, PdClient, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalStore.class);

  /** The single region: id 1, epoch 1/1, all keys. */
  public static final Region REGION = new Region(1, new RegionEpoch(1, 1), new byte[0], new byte[0]);

  private static final byte[] SAFE_POINT_KEY = MvccKeys.metaKey("gc-safe-point");
  private static final int SAFE_POINT_MAGIC = 0x47435350; // "GCSP"
  /** How far ahead the TSO persists its limit. */
  public static final long TSO_WINDOW_MILLIS = 3000;

  private final Db db;
  private final boolean ownsDb;
  private final TimestampOracle tso;
  private final MvccStore mvcc;
  private final double valueLogGcRatio;
  private long safePoint;

  private LocalStore(Db db, boolean ownsDb, double valueLogGcRatio) {
    this.db = db;
    this.ownsDb = ownsDb;
    this.valueLogGcRatio = valueLogGcRatio;
    this.tso = new TimestampOracle(db, System::currentTimeMillis, TSO_WINDOW_MILLIS);
    this.mvcc = new MvccStore(db, tso::next);
    byte[] sp = db.get(SAFE_POINT_KEY);
    this.safePoint = sp == null ? 0 : LongRecord.decode(SAFE_POINT_MAGIC, sp, "GC safe point");
  }

  /** Opens (or creates) the store in {@code dir} with the engine's default options. */
  public static LocalStore open(Path dir) {
    return open(dir, new Options());
  }

  public static LocalStore open(Path dir, Options options) {
    Db db = Db.open(dir, options);
    try {
      return new LocalStore(db, true, options.valueLogGcDiscardRatio());
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** A store over an engine the caller opened and will close. */
  public static LocalStore over(Db db) {
    return new LocalStore(db, false, new Options().valueLogGcDiscardRatio());
  }

  /** The engine under the store, for statistics and maintenance. */
  public Db db() {
    return db;
  }

  // ---- PdClient ----

  @Override
  public Region locate(byte[] key) {
    return REGION;
  }

  @Override
  public Region locateBefore(byte[] end) {
    return REGION;
  }

  @Override
  public long getTimestamps(int count) {
    return tso.next(count);
  }

  @Override
  public synchronized long gcSafePoint() {
    return safePoint;
  }

  @Override
  public synchronized long updateGcSafePoint(long newSafePoint) {
    if (newSafePoint > safePoint) {
      db.put(WriteOptions.DEFAULT, SAFE_POINT_KEY, LongRecord.encode(SAFE_POINT_MAGIC, newSafePoint));
      safePoint = newSafePoint;
    }
    return safePoint;
  }

  // ---- KvRpc: transactional ----

  @Override
  public GetResponse get(RegionContext ctx, byte[] key, long readTs, Set<Long> bypassLocks) {
    check(ctx);
    return mvcc.get(key, readTs, bypassLocks);
  }

  @Override
  public ScanResponse scan(
      RegionContext ctx, byte[] start, byte[] end, int limit, long readTs, boolean reverse, Set<Long> bypassLocks) {
    check(ctx);
    return mvcc.scan(start, end, limit, readTs, reverse, bypassLocks);
  }

  @Override
  public PrewriteResponse prewrite(RegionContext ctx, PrewriteRequest request) {
    check(ctx);
    if (request.mutations().isEmpty()) {
      throw new IllegalArgumentException("prewrite without mutations");
    }
    return mvcc.prewrite(request);
  }

  @Override
  public KeyError commit(RegionContext ctx, List<byte[]> keys, long startTs, long commitTs) {
    check(ctx);
    return mvcc.commit(keys, startTs, commitTs);
  }

  @Override
  public KeyError batchRollback(RegionContext ctx, List<byte[]> keys, long startTs) {
    check(ctx);
    return mvcc.rollback(keys, startTs);
  }

  @Override
  public CheckTxnStatusResponse checkTxnStatus(
      RegionContext ctx, byte[] primary, long lockTs, long callerStartTs, long currentTs, boolean rollbackIfNotExist) {
    check(ctx);
    return mvcc.checkTxnStatus(primary, lockTs, callerStartTs, currentTs, rollbackIfNotExist);
  }

  @Override
  public KeyError resolveLock(RegionContext ctx, long startTs, long commitTs, List<byte[]> keys) {
    check(ctx);
    return mvcc.resolveLock(startTs, commitTs, keys, null, null);
  }

  @Override
  public List<LockInfo> scanLock(RegionContext ctx, long maxTs, byte[] start, byte[] end, int limit) {
    check(ctx);
    return mvcc.scanLock(maxTs, start, end, limit);
  }

  @Override
  public GcResponse gc(RegionContext ctx, long safePoint) {
    check(ctx);
    Gc.Stats s = mvcc.gc(null, null, safePoint);
    int reclaimed = 0;
    if (s.dataRemoved() > 0) {
      // Compact what GC deleted so the engine drops the values now and counts their value-log
      // bytes as discardable; then let value-log GC reclaim segments that crossed the ratio.
      db.compactRange(s.firstDataKey(), s.lastDataKey());
      reclaimed = db.runValueLogGc(valueLogGcRatio);
    }
    LOG.info(
        "GC at safe point {}: {} keys scanned, {} versions removed ({} with separate data), {} value-log segments reclaimed",
        safePoint, s.keysScanned(), s.versionsRemoved(), s.dataRemoved(), reclaimed);
    return new GcResponse(s.keysScanned(), s.versionsRemoved(), s.dataRemoved(), reclaimed);
  }

  // ---- KvRpc: raw ----

  @Override
  public byte[] rawGet(RegionContext ctx, byte[] key) {
    check(ctx);
    return db.get(MvccKeys.rawKey(key));
  }

  @Override
  public void rawPut(RegionContext ctx, byte[] key, byte[] value) {
    check(ctx);
    db.put(WriteOptions.DEFAULT, MvccKeys.rawKey(key), value);
  }

  @Override
  public void rawBatchPut(RegionContext ctx, List<KvPair> pairs) {
    check(ctx);
    WriteBatch b = new WriteBatch();
    for (KvPair p : pairs) {
      b.put(MvccKeys.rawKey(p.key()), p.value());
    }
    db.write(WriteOptions.DEFAULT, b);
  }

  @Override
  public void rawDelete(RegionContext ctx, byte[] key) {
    check(ctx);
    db.delete(WriteOptions.DEFAULT, MvccKeys.rawKey(key));
  }

  @Override
  public List<KvPair> rawScan(RegionContext ctx, byte[] start, byte[] end, int limit, boolean reverse) {
    check(ctx);
    List<KvPair> out = new ArrayList<>();
    ReadOptions ro = new ReadOptions().setLowerBound(rawLower(start)).setUpperBound(rawUpper(end));
    try (DbIterator it = db.newIterator(ro)) {
      if (reverse) {
        it.seekToLast();
      } else {
        it.seekToFirst();
      }
      while (it.isValid() && out.size() < limit) {
        byte[] k = it.key();
        out.add(new KvPair(Arrays.copyOfRange(k, 1, k.length), it.value()));
        if (reverse) {
          it.prev();
        } else {
          it.next();
        }
      }
    }
    return out;
  }

  @Override
  public void rawDeleteRange(RegionContext ctx, byte[] start, byte[] end) {
    check(ctx);
    db.deleteRange(WriteOptions.DEFAULT, rawLower(start), rawUpper(end));
  }

  private static byte[] rawLower(byte[] start) {
    return start == null ? new byte[] {MvccKeys.RAW} : MvccKeys.rawKey(start);
  }

  private static byte[] rawUpper(byte[] end) {
    return end == null ? new byte[] {MvccKeys.RAW + 1} : MvccKeys.rawKey(end);
  }

  private static void check(RegionContext ctx) {
    if (ctx.regionId() != REGION.id()) {
      throw new RegionException.RegionNotFound(ctx.regionId());
    }
    if (!ctx.epoch().equals(REGION.epoch())) {
      throw new RegionException.EpochNotMatch(ctx.regionId(), REGION.epoch());
    }
  }

  @Override
  public void close() {
    if (ownsDb) {
      db.close();
    }
  }
}
