package io.nokv.bench.ycsb;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import site.ycsb.ByteArrayByteIterator;
import site.ycsb.ByteIterator;

/**
 * Encodes a YCSB record (a map of field name to bytes) as one value. Benchmark records live only
 * as long as a benchmark run, so the format carries a version byte but no checksum (both engines
 * checksum their own blocks):
 *
 * <pre>
 *   version  u8        {@value #VERSION}
 *   field*   varint32 name length, name (UTF-8), varint32 value length, value bytes
 * </pre>
 *
 * Ten fields of 100 bytes named {@code field0..field9} encode to 1 + 10 * (1 + 6 + 1 + 100) =
 * 1,081 bytes.
 */
final class RecordCodec {
  static final int VERSION = 1;

  private RecordCodec() {}

  /** Encodes {@code fields}, consuming their iterators. */
  static byte[] encode(Map<String, ByteIterator> fields) {
    int n = fields.size();
    byte[][] names = new byte[n][];
    byte[][] values = new byte[n][];
    int size = 1;
    int i = 0;
    for (Map.Entry<String, ByteIterator> e : fields.entrySet()) {
      names[i] = e.getKey().getBytes(StandardCharsets.UTF_8);
      values[i] = e.getValue().toArray();
      size += varintSize(names[i].length) + names[i].length + varintSize(values[i].length) + values[i].length;
      i++;
    }
    byte[] out = new byte[size];
    out[0] = VERSION;
    int pos = 1;
    for (i = 0; i < n; i++) {
      pos = putBytes(out, pos, names[i]);
      pos = putBytes(out, pos, values[i]);
    }
    return out;
  }

  /**
   * Decodes {@code record} into {@code out}, keeping only {@code fields} when that is not null.
   * Values are views of {@code record}, not copies.
   */
  static void decode(byte[] record, Set<String> fields, Map<String, ByteIterator> out) {
    if (record.length == 0 || record[0] != VERSION) {
      throw new IllegalStateException("benchmark record has version " + (record.length == 0 ? "none" : record[0]) + ", expected " + VERSION);
    }
    int[] pos = {1};
    while (pos[0] < record.length) {
      int nameLen = getVarint(record, pos);
      String name = new String(record, pos[0], nameLen, StandardCharsets.UTF_8);
      pos[0] += nameLen;
      int valueLen = getVarint(record, pos);
      if (valueLen < 0 || valueLen > record.length - pos[0]) {
        throw new IllegalStateException("benchmark record field '" + name + "' runs past the end at " + pos[0]);
      }
      if (fields == null || fields.contains(name)) {
        out.put(name, new ByteArrayByteIterator(record, pos[0], valueLen));
      }
      pos[0] += valueLen;
    }
  }

  private static int putBytes(byte[] out, int pos, byte[] b) {
    int len = b.length;
    while ((len & ~0x7F) != 0) {
      out[pos++] = (byte) ((len & 0x7F) | 0x80);
      len >>>= 7;
    }
    out[pos++] = (byte) len;
    System.arraycopy(b, 0, out, pos, b.length);
    return pos + b.length;
  }

  private static int getVarint(byte[] b, int[] pos) {
    int result = 0;
    for (int shift = 0; shift <= 28; shift += 7) {
      if (pos[0] >= b.length) {
        throw new IllegalStateException("benchmark record truncated at " + pos[0]);
      }
      int x = b[pos[0]++] & 0xFF;
      result |= (x & 0x7F) << shift;
      if ((x & 0x80) == 0) {
        return result;
      }
    }
    throw new IllegalStateException("bad varint in benchmark record at " + pos[0]);
  }

  private static int varintSize(int v) {
    int n = 1;
    while ((v & ~0x7F) != 0) {
      v >>>= 7;
      n++;
    }
    return n;
  }
}
