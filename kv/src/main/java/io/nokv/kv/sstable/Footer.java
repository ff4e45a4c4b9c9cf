package io.nokv.kv.sstable;

import io.nokv.kv.CorruptionException;
import io.nokv.kv.FormatVersionException;
import io.nokv.kv.format.Checksums;
import io.nokv.kv.format.Coding;

/**
 * The fixed-size end of every table file, read first: it locates the other metadata blocks.
 *
 * <pre>
 *   offset  size  field
 *    0      8     index handle offset       u64 LE
 *    8      8     index handle size         u64 LE
 *   16      8     filter handle offset      u64 LE   (0, 0 when the table has no filter)
 *   24      8     filter handle size        u64 LE
 *   32      8     properties handle offset  u64 LE
 *   40      8     properties handle size    u64 LE
 *   48      4     format version            u32 LE   (= 1)
 *   52      4     CRC32C of bytes [0, 52)   u32 LE
 *   56      8     magic                     u64 LE   0x314C4254564B4F4E ("NOKVTBL1" read as bytes)
 * </pre>
 *
 * Checked in that order: magic (is this a table at all?), CRC (is the footer intact?), version (can
 * this build read it?).
 */
record Footer(BlockHandle index, BlockHandle filter, BlockHandle properties, int formatVersion) {
  static final int SIZE = 64;
  static final int FORMAT_VERSION = 1;
  static final long MAGIC = 0x314C4254564B4F4EL;

  private static final int VERSION_AT = 48;
  private static final int CRC_AT = 52;
  private static final int MAGIC_AT = 56;

  byte[] encode() {
    byte[] b = new byte[SIZE];
    putHandle(b, 0, index);
    putHandle(b, 16, filter);
    putHandle(b, 32, properties);
    Coding.putInt(b, VERSION_AT, formatVersion);
    Coding.putInt(b, CRC_AT, Checksums.crc32c(b, 0, CRC_AT));
    Coding.putLong(b, MAGIC_AT, MAGIC);
    return b;
  }

  /**
   * Decodes and verifies a footer read at {@code footerOffset} of {@code fileName}.
   *
   * @throws CorruptionException on a bad magic or checksum
   * @throws FormatVersionException on a version this build does not read
   */
  static Footer decode(byte[] b, String fileName, long footerOffset) {
    if (b.length != SIZE) {
      throw new CorruptionException(
          fileName, footerOffset, "footer is " + b.length + " bytes, expected " + SIZE);
    }
    long magic = Coding.getLong(b, MAGIC_AT);
    if (magic != MAGIC) {
      throw new CorruptionException(
          fileName,
          footerOffset + MAGIC_AT,
          "not a NoKV table: bad magic 0x" + Long.toHexString(magic));
    }
    int crc = Coding.getInt(b, CRC_AT);
    if (crc != Checksums.crc32c(b, 0, CRC_AT)) {
      throw new CorruptionException(fileName, footerOffset, "footer checksum mismatch");
    }
    int version = Coding.getInt(b, VERSION_AT);
    if (version != FORMAT_VERSION) {
      throw new FormatVersionException(
          fileName, footerOffset + VERSION_AT, version, FORMAT_VERSION);
    }
    return new Footer(getHandle(b, 0), getHandle(b, 16), getHandle(b, 32), version);
  }

  private static void putHandle(byte[] b, int at, BlockHandle h) {
    Coding.putLong(b, at, h.offset());
    Coding.putLong(b, at + 8, h.size());
  }

  private static BlockHandle getHandle(byte[] b, int at) {
    return new BlockHandle(Coding.getLong(b, at), Coding.getLong(b, at + 8));
  }
}
