package io.nokv.txn.rpc;

import java.util.Arrays;

/**
 * A contiguous range of user keys served by one replica group: {@code [startKey, endKey)}, where an
 * empty end key means the end of the keyspace.
 */
public record Region(long id, RegionEpoch epoch, byte[] startKey, byte[] endKey) {
  public boolean contains(byte[] key) {
    return Arrays.compareUnsigned(key, startKey) >= 0
        && (endKey.length == 0 || Arrays.compareUnsigned(key, endKey) < 0);
  }

  public RegionContext context() {
    return new RegionContext(id, epoch);
  }
}
