package io.nokv.txn;

import io.nokv.kv.format.Bytes;
import io.nokv.txn.client.RegionRequests;
import io.nokv.txn.rpc.KvPair;
import io.nokv.txn.rpc.KvRpc;
import io.nokv.txn.rpc.Region;
import java.util.ArrayList;
import java.util.List;

/**
 * Non-transactional reads and writes, in a keyspace of their own (raw keys never meet
 * transactional ones). Each write is atomic and durable on its own; there are no snapshots and no
 * conflict checks. Thread-safe.
 */
public final class RawKvClient {
  private final KvRpc rpc;
  private final RegionRequests regions;

  RawKvClient(KvRpc rpc, RegionRequests regions) {
    this.rpc = rpc;
    this.regions = regions;
  }

  public byte[] get(byte[] key) {
    TxnLimits.checkKey(key);
    return regions.call(key, r -> rpc.rawGet(r.context(), key));
  }

  public void put(byte[] key, byte[] value) {
    TxnLimits.checkKey(key);
    TxnLimits.checkValue(value);
    regions.call(
        key,
        r -> {
          rpc.rawPut(r.context(), key, value);
          return null;
        });
  }

  /** Writes the pairs; atomic per region (all of them, today: there is one region). */
  public void batchPut(List<KvPair> pairs) {
    List<byte[]> keys = new ArrayList<>(pairs.size());
    java.util.Map<byte[], byte[]> values = new java.util.IdentityHashMap<>();
    for (KvPair p : pairs) {
      TxnLimits.checkKey(p.key());
      TxnLimits.checkValue(p.value());
      keys.add(p.key());
      values.put(p.key(), p.value());
    }
    regions.callBatches(
        keys,
        (r, ks) -> {
          List<KvPair> batch = new ArrayList<>(ks.size());
          for (byte[] k : ks) {
            batch.add(new KvPair(k, values.get(k)));
          }
          rpc.rawBatchPut(r.context(), batch);
          return null;
        });
  }

  public void delete(byte[] key) {
    TxnLimits.checkKey(key);
    regions.call(
        key,
        r -> {
          rpc.rawDelete(r.context(), key);
          return null;
        });
  }

  /** Up to {@code limit} pairs in {@code [start, end)}, ascending; null bounds are open. */
  public List<KvPair> scan(byte[] start, byte[] end, int limit) {
    List<KvPair> out = new ArrayList<>();
    byte[] cursor = start;
    while (out.size() < limit) {
      byte[] from = cursor;
      Region[] at = new Region[1];
      List<KvPair> got =
          regions.call(
              from == null ? new byte[0] : from,
              r -> {
                at[0] = r;
                return rpc.rawScan(r.context(), from, clip(end, r.endKey()), limit - out.size(), false);
              });
      out.addAll(got);
      byte[] re = at[0].endKey();
      if (out.size() >= limit || re.length == 0 || (end != null && Bytes.compare(re, end) >= 0)) {
        break;
      }
      cursor = re;
    }
    return out;
  }

  /** Deletes every raw key in {@code [start, end)}; null bounds are open. */
  public void deleteRange(byte[] start, byte[] end) {
    regions.call(
        start == null ? new byte[0] : start,
        r -> {
          rpc.rawDeleteRange(r.context(), start, clip(end, r.endKey()));
          return null;
        });
  }

  private static byte[] clip(byte[] end, byte[] regionEnd) {
    if (regionEnd.length == 0) {
      return end;
    }
    return end == null || Bytes.compare(end, regionEnd) > 0 ? regionEnd : end;
  }
}
