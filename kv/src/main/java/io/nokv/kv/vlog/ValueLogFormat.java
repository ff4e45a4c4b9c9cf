package io.nokv.kv.vlog;

import io.nokv.kv.format.Checksums;
import io.nokv.kv.format.Coding;
import java.nio.charset.StandardCharsets;

/**
 * The value-log segment format (WiscKey-style separated values). All fixed-width integers are
 * little-endian; varints are LEB128 ({@link Coding}).
 *
 * <pre>
 *   header (24 bytes, at offset 0)
 *     magic           8 bytes  "NOKVVLG" 0x01
 *     version         u32      1
 *     segment number  u64      the segment's file number
 *     header crc      u32      CRC32C of the 20 bytes above
 *   entry* (from offset 24 to data end; a {@code ValuePointer} names one entry)
 *     crc             u32      CRC32C of everything after it in the entry
 *     key length      varint
 *     value length    varint
 *     key             the user key (kept so GC can look the key up)
 *     value
 *   footer (28 bytes, at data end)
 *     magic           8 bytes  "NOKVVLF" 0x01
 *     entry count     u64
 *     data end        u64      offset of the footer = end of the last entry
 *     footer crc      u32      CRC32C of the 24 bytes above
 * </pre>
 *
 * A segment is immutable once its footer is written and is referenced only after that, so a segment
 * without a valid footer is corrupt.
 */
public final class ValueLogFormat {
  private ValueLogFormat() {}

  static final byte[] HEADER_MAGIC = "NOKVVLG\u0001".getBytes(StandardCharsets.ISO_8859_1);
  static final byte[] FOOTER_MAGIC = "NOKVVLF\u0001".getBytes(StandardCharsets.ISO_8859_1);
  public static final int VERSION = 1;
  public static final int HEADER_SIZE = 24;
  public static final int FOOTER_SIZE = 28;

  /** The smallest entry: crc and two one-byte varints. */
  public static final int MIN_ENTRY_SIZE = 6;

  /** Longest entry prefix: crc and two varints of at most 5 bytes each (lengths fit an int). */
  static final int MAX_ENTRY_PREFIX = 4 + 5 + 5;

  static final int VERSION_OFFSET = 8;
  static final int SEGMENT_OFFSET = 12;
  static final int HEADER_CRC_OFFSET = 20;
  static final int COUNT_OFFSET = 8;
  static final int DATA_END_OFFSET = 16;
  static final int FOOTER_CRC_OFFSET = 24;

  static byte[] encodeHeader(long segmentNumber) {
    byte[] h = new byte[HEADER_SIZE];
    System.arraycopy(HEADER_MAGIC, 0, h, 0, HEADER_MAGIC.length);
    Coding.putInt(h, VERSION_OFFSET, VERSION);
    Coding.putLong(h, SEGMENT_OFFSET, segmentNumber);
    Coding.putInt(h, HEADER_CRC_OFFSET, Checksums.crc32c(h, 0, HEADER_CRC_OFFSET));
    return h;
  }

  static byte[] encodeFooter(long entryCount, long dataEnd) {
    byte[] f = new byte[FOOTER_SIZE];
    System.arraycopy(FOOTER_MAGIC, 0, f, 0, FOOTER_MAGIC.length);
    Coding.putLong(f, COUNT_OFFSET, entryCount);
    Coding.putLong(f, DATA_END_OFFSET, dataEnd);
    Coding.putInt(f, FOOTER_CRC_OFFSET, Checksums.crc32c(f, 0, FOOTER_CRC_OFFSET));
    return f;
  }
}
