package io.nokv.txn.store;

import io.nokv.kv.format.Checksums;
import io.nokv.txn.mvcc.MvccFormatException;
import java.nio.ByteBuffer;

/**
 * A single durable number in the store's metadata space (the TSO limit, the GC safe point):
 * magic u32 | version u8 (=1) | value u64 | CRC32C u32 of the preceding 13 bytes, big-endian.
 */
final class LongRecord {
  private LongRecord() {}

  static final int LENGTH = 17;
  private static final int VERSION = 1;

  static byte[] encode(int magic, long value) {
    ByteBuffer b = ByteBuffer.allocate(LENGTH);
    b.putInt(magic).put((byte) VERSION).putLong(value);
    b.putInt(Checksums.crc32c(b.array(), 0, 13));
    return b.array();
  }

  static long decode(int magic, byte[] v, String what) {
    if (v.length != LENGTH) {
      throw new MvccFormatException(what + " record of " + v.length + " bytes, expected " + LENGTH);
    }
    ByteBuffer b = ByteBuffer.wrap(v);
    if (b.getInt() != magic) {
      throw new MvccFormatException(what + " record has a bad magic");
    }
    int version = b.get();
    if (version != VERSION) {
      throw new MvccFormatException(what + " record version " + version + ", expected " + VERSION);
    }
    long value = b.getLong();
    if (b.getInt() != Checksums.crc32c(v, 0, 13)) {
      throw new MvccFormatException(what + " record checksum mismatch");
    }
    return value;
  }
}
