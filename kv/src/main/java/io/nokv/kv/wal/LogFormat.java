package io.nokv.kv.wal;

import io.nokv.kv.Limits;
import io.nokv.kv.format.Checksums;
import io.nokv.kv.format.Coding;
import java.nio.charset.StandardCharsets;

/**
 * The write-ahead log segment format. All integers are little-endian.
 *
 * <pre>
 *   header (24 bytes)
 *     magic         8 bytes  "NOKVWAL" 0x01
 *     version       u32      1
 *     log number    u64      the segment's file number
 *     header crc    u32      CRC32C of the 20 bytes above
 *   record*
 *     crc           u32      CRC32C of the 4 length bytes followed by the payload
 *     length        u32      payload length, 0 .. {@link #MAX_RECORD_BYTES}
 *     payload       length bytes (a serialized WriteBatch, opaque here)
 * </pre>
 *
 * There is no block structure and no footer: a segment ends where its last complete record ends.
 * Recovery rules are in {@link LogReader}.
 */
public final class LogFormat {
  private LogFormat() {}

  static final byte[] MAGIC = "NOKVWAL\u0001".getBytes(StandardCharsets.ISO_8859_1);
  public static final int VERSION = 1;
  public static final int HEADER_SIZE = 24;
  public static final int FRAME_HEADER_SIZE = 8;

  /** Largest payload a record may carry: the largest write batch. */
  public static final int MAX_RECORD_BYTES = Limits.MAX_BATCH_BYTES;

  static final int VERSION_OFFSET = 8;
  static final int LOG_NUMBER_OFFSET = 12;
  static final int HEADER_CRC_OFFSET = 20;

  static byte[] encodeHeader(long logNumber) {
    byte[] h = new byte[HEADER_SIZE];
    System.arraycopy(MAGIC, 0, h, 0, MAGIC.length);
    Coding.putInt(h, VERSION_OFFSET, VERSION);
    Coding.putLong(h, LOG_NUMBER_OFFSET, logNumber);
    Coding.putInt(h, HEADER_CRC_OFFSET, Checksums.crc32c(h, 0, HEADER_CRC_OFFSET));
    return h;
  }
}
