package io.nokv.txn.client;

import io.nokv.kv.format.Bytes;
import io.nokv.txn.LockWaitTimeoutException;
import io.nokv.txn.rpc.GetResponse;
import io.nokv.txn.rpc.KeyError;
import io.nokv.txn.rpc.KvPair;
import io.nokv.txn.rpc.KvRpc;
import io.nokv.txn.rpc.LockInfo;
import io.nokv.txn.rpc.Region;
import io.nokv.txn.rpc.ScanResponse;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads at one timestamp across regions, resolving the locks it meets: the read side of a
 * transaction. Thread-safe; the set of bypassed locks is shared by all reads of the snapshot.
 */
public final class SnapshotReader {
  private final KvRpc rpc;
  private final RegionRequests regions;
  private final LockResolver resolver;
  private final long readTs;
  private final long lockWaitMillis;
  private final Set<Long> bypass = ConcurrentHashMap.newKeySet();

  public SnapshotReader(KvRpc rpc, RegionRequests regions, LockResolver resolver, long readTs, long lockWaitMillis) {
    this.rpc = rpc;
    this.regions = regions;
    this.resolver = resolver;
    this.readTs = readTs;
    this.lockWaitMillis = lockWaitMillis;
  }

  public long readTs() {
    return readTs;
  }

  public byte[] get(byte[] key) {
    Backoff backoff = null;
    while (true) {
      Set<Long> view = Collections.unmodifiableSet(bypass);
      GetResponse resp = regions.call(key, r -> rpc.get(r.context(), key, readTs, view));
      if (resp.error() == null) {
        return resp.value();
      }
      backoff = waitOut(resp.error(), backoff);
    }
  }

  /**
   * Pairs in {@code [start, end)} in key order (descending when {@code reverse}), fetched from the
   * stores {@code batchSize} at a time as the iterator advances. Null bounds are open.
   */
  public Iterator<KvPair> scan(byte[] start, byte[] end, boolean reverse, int batchSize) {
    return new ScanIterator(start, end, reverse, Math.max(1, batchSize));
  }

  /** Resolves the lock behind {@code error} or waits for it; throws when the wait budget is spent. */
  private Backoff waitOut(KeyError error, Backoff backoff) {
    if (!(error instanceof KeyError.KeyIsLocked locked)) {
      throw new IllegalStateException("unexpected error on a read: " + error.message());
    }
    LockInfo lock = locked.lock();
    long wait = resolver.resolve(List.of(lock), readTs, bypass);
    if (wait == 0) {
      return backoff;
    }
    if (backoff == null) {
      backoff = new Backoff(2, 200, lockWaitMillis);
    }
    if (!backoff.pause(wait)) {
      throw new LockWaitTimeoutException(lock.key(), lock.startTs(), backoff.elapsedMillis());
    }
    return backoff;
  }

  private final class ScanIterator implements Iterator<KvPair> {
    private final byte[] start;
    private final byte[] end;
    private final boolean reverse;
    private final int batchSize;
    /** Forward: the inclusive key to read from (null: the first key). Reverse: the exclusive bound to read below (null: past the last key). */
    private byte[] cursor;
    private boolean exhausted;
    private List<KvPair> buffer = List.of();
    private int pos;

    ScanIterator(byte[] start, byte[] end, boolean reverse, int batchSize) {
      this.start = start;
      this.end = end;
      this.reverse = reverse;
      this.batchSize = batchSize;
      this.cursor = reverse ? end : start;
      this.exhausted = start != null && end != null && Bytes.compare(start, end) >= 0;
    }

    @Override
    public boolean hasNext() {
      while (pos >= buffer.size()) {
        if (exhausted) {
          return false;
        }
        fetch();
      }
      return true;
    }

    @Override
    public KvPair next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return buffer.get(pos++);
    }

    private void fetch() {
      Backoff backoff = null;
      while (true) {
        Set<Long> view = Collections.unmodifiableSet(bypass);
        Region[] answered = new Region[1];
        ScanResponse resp;
        if (reverse) {
          resp =
              regions.callBefore(
                  cursor,
                  r -> {
                    answered[0] = r;
                    return rpc.scan(r.context(), maxStart(start, r.startKey()), cursor, batchSize, readTs, true, view);
                  });
        } else {
          byte[] from = cursor;
          resp =
              regions.call(
                  from == null ? new byte[0] : from,
                  r -> {
                    answered[0] = r;
                    return rpc.scan(r.context(), from, minEnd(end, r.endKey()), batchSize, readTs, false, view);
                  });
        }
        List<KvPair> got = resp.pairs();
        if (resp.error() != null && got.isEmpty()) {
          backoff = waitOut(resp.error(), backoff);
          continue;
        }
        buffer = got;
        pos = 0;
        if (resp.error() != null || got.size() >= batchSize) {
          // More may follow in this region (or a lock stopped us: the next fetch meets it again).
          byte[] last = got.get(got.size() - 1).key();
          cursor = reverse ? last : Arrays.copyOf(last, last.length + 1);
        } else {
          leave(answered[0]);
        }
        return;
      }
    }

    /** The region is read to its end: move to its neighbour, or stop at the scan's bound. */
    private void leave(Region region) {
      if (reverse) {
        byte[] rs = region.startKey();
        if (rs.length == 0 || (start != null && Bytes.compare(rs, start) <= 0)) {
          exhausted = true;
        } else {
          cursor = rs;
        }
      } else {
        byte[] re = region.endKey();
        if (re.length == 0 || (end != null && Bytes.compare(re, end) >= 0)) {
          exhausted = true;
        } else {
          cursor = re;
        }
      }
    }
  }

  private static byte[] maxStart(byte[] a, byte[] regionStart) {
    if (regionStart.length == 0) {
      return a;
    }
    if (a == null || Bytes.compare(a, regionStart) < 0) {
      return regionStart;
    }
    return a;
  }

  private static byte[] minEnd(byte[] a, byte[] regionEnd) {
    if (regionEnd.length == 0) {
      return a;
    }
    if (a == null || Bytes.compare(a, regionEnd) > 0) {
      return regionEnd;
    }
    return a;
  }
}
