package io.nokv.txn.client;

import io.nokv.kv.format.Bytes;
import io.nokv.txn.rpc.PdClient;
import io.nokv.txn.rpc.Region;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The client's view of which region holds which keys, filled from PD on demand and dropped
 * region by region when a store answers with a region error.
 */
public final class RegionCache {
  private final PdClient pd;
  /** Regions by start key. */
  private final ConcurrentSkipListMap<byte[], Region> byStart = new ConcurrentSkipListMap<>(Bytes.COMPARATOR);

  public RegionCache(PdClient pd) {
    this.pd = pd;
  }

  public Region locate(byte[] key) {
    Map.Entry<byte[], Region> e = byStart.floorEntry(key);
    if (e != null && e.getValue().contains(key)) {
      return e.getValue();
    }
    Region r = pd.locate(key);
    byStart.put(r.startKey(), r);
    return r;
  }

  /** The region holding the keys just below {@code end}; null {@code end} means the last region. */
  public Region locateBefore(byte[] end) {
    if (end == null) {
      Map.Entry<byte[], Region> last = byStart.lastEntry();
      if (last != null && last.getValue().endKey().length == 0) {
        return last.getValue();
      }
    } else {
      Map.Entry<byte[], Region> e = byStart.lowerEntry(end);
      if (e != null) {
        byte[] re = e.getValue().endKey();
        if (re.length == 0 || Bytes.compare(re, end) >= 0) {
          return e.getValue();
        }
      }
    }
    Region r = pd.locateBefore(end);
    byStart.put(r.startKey(), r);
    return r;
  }

  public void invalidate(Region region) {
    byStart.remove(region.startKey(), region);
  }

  /** Groups sorted or unsorted keys by the region that holds them, keeping their order within a group. */
  public Map<Region, List<byte[]>> groupByRegion(List<byte[]> keys) {
    Map<Region, List<byte[]>> groups = new LinkedHashMap<>();
    for (byte[] k : keys) {
      groups.computeIfAbsent(locate(k), r -> new ArrayList<>()).add(k);
    }
    return groups;
  }
}
