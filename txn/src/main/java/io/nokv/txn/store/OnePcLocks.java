package io.nokv.txn.store;

import io.nokv.kv.format.Bytes;
import io.nokv.txn.rpc.RegionException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * In-memory locks of one-phase commits in flight. A one-phase commit writes no lock, so a reader
 * could read a key, and then see a version appear below its read timestamp. To prevent that the
 * committer publishes these locks before it takes its commit timestamp, and readers wait for the
 * ones on their keys before reading the engine: a reader that misses one took its read timestamp
 * before the commit timestamp was issued (as in TiKV's concurrency manager).
 */
final class OnePcLocks {
  private static final long WAIT_SECONDS = 30;

  private final ConcurrentSkipListMap<byte[], CompletableFuture<Void>> locks =
      new ConcurrentSkipListMap<>(Bytes.COMPARATOR);

  /** Publishes locks on {@code keys}; the caller holds their latches, so no two commits publish the same key. */
  CompletableFuture<Void> publish(List<byte[]> keys) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    for (byte[] k : keys) {
      locks.put(k, done);
    }
    return done;
  }

  void release(List<byte[]> keys, CompletableFuture<Void> done) {
    for (byte[] k : keys) {
      locks.remove(k, done);
    }
    done.complete(null);
  }

  void awaitKey(byte[] key) {
    if (locks.isEmpty()) {
      return;
    }
    CompletableFuture<Void> f = locks.get(key);
    if (f != null) {
      await(f);
    }
  }

  void awaitRange(byte[] start, byte[] end) {
    if (locks.isEmpty()) {
      return;
    }
    ConcurrentNavigableMap<byte[], CompletableFuture<Void>> range;
    if (start == null && end == null) {
      range = locks;
    } else if (start == null) {
      range = locks.headMap(end);
    } else if (end == null) {
      range = locks.tailMap(start);
    } else {
      range = locks.subMap(start, end);
    }
    for (CompletableFuture<Void> f : range.values()) {
      await(f);
    }
  }

  private static void await(CompletableFuture<Void> f) {
    try {
      f.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegionException.ServerBusy(0, "interrupted while waiting for a one-phase commit");
    } catch (ExecutionException | TimeoutException e) {
      throw new RegionException.ServerBusy(0, "a one-phase commit did not finish in " + WAIT_SECONDS + " s");
    }
  }
}
