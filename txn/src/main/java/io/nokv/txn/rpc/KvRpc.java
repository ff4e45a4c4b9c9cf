package io.nokv.txn.rpc;

import java.util.List;
import java.util.Set;

/**
 * The seam between the transaction client and the stores: one method per request, each addressed
 * to a region. Today the only implementation is in-process ({@code io.nokv.txn.store.LocalStore});
 * a later one carries the same requests over gRPC to many regions.
 *
 * <p>Two error families, so that the client knows what to retry:
 *
 * <ul>
 *   <li>{@link RegionException} (thrown): the request reached the wrong place or a busy one. Nothing
 *       was read or written; refresh the region and retry.
 *   <li>{@link KeyError} (returned): an answer about the data: a lock in the way, a conflict, an
 *       aborted transaction.
 * </ul>
 *
 * <p>Key ranges are {@code [start, end)} of user keys, within the region; null means the region's
 * own boundary. Every write request is durable when it returns.
 */
public interface KvRpc {
  /** Snapshot read of one key at {@code readTs}, ignoring the locks of {@code bypassLocks}. */
  GetResponse get(RegionContext ctx, byte[] key, long readTs, Set<Long> bypassLocks);

  /** Snapshot range read at {@code readTs}. */
  ScanResponse scan(
      RegionContext ctx, byte[] start, byte[] end, int limit, long readTs, boolean reverse, Set<Long> bypassLocks);

  PrewriteResponse prewrite(RegionContext ctx, PrewriteRequest request);

  /** Commits the keys; returns null on success. */
  KeyError commit(RegionContext ctx, List<byte[]> keys, long startTs, long commitTs);

  /** Rolls the keys back, leaving rollback records; returns null on success. */
  KeyError batchRollback(RegionContext ctx, List<byte[]> keys, long startTs);

  CheckTxnStatusResponse checkTxnStatus(
      RegionContext ctx, byte[] primary, long lockTs, long callerStartTs, long currentTs, boolean rollbackIfNotExist);

  /**
   * Commits ({@code commitTs > 0}) or rolls back ({@code commitTs == 0}) the locks of the transaction
   * started at {@code startTs}: on {@code keys}, or on every key of the region when {@code keys} is empty.
   */
  KeyError resolveLock(RegionContext ctx, long startTs, long commitTs, List<byte[]> keys);

  /** Locks of transactions that started at or below {@code maxTs}, in key order, at most {@code limit}. */
  List<LockInfo> scanLock(RegionContext ctx, long maxTs, byte[] start, byte[] end, int limit);

  /** Drops versions older than {@code safePoint} in the region; see {@code io.nokv.txn.actions.Gc}. */
  GcResponse gc(RegionContext ctx, long safePoint);

  byte[] rawGet(RegionContext ctx, byte[] key);

  void rawPut(RegionContext ctx, byte[] key, byte[] value);

  void rawBatchPut(RegionContext ctx, List<KvPair> pairs);

  void rawDelete(RegionContext ctx, byte[] key);

  List<KvPair> rawScan(RegionContext ctx, byte[] start, byte[] end, int limit, boolean reverse);

  void rawDeleteRange(RegionContext ctx, byte[] start, byte[] end);
}
