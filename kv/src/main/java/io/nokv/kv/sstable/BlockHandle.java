package io.nokv.kv.sstable;

import io.nokv.kv.format.ByteSink;
import io.nokv.kv.format.Coding;

/**
 * Where a block sits in its file: the offset of its first byte and its stored size (compressed, if
 * it is, and without the 5-byte trailer that follows it).
 *
 * <pre>
 *   in index entries:  varint offset, varint size
 *   in the footer:     u64 LE offset, u64 LE size   (fixed width, see {@link Footer})
 * </pre>
 */
public record BlockHandle(long offset, long size) {
  /** Marks an absent block (no filter). A real block always has a non-zero stored size. */
  public static final BlockHandle NONE = new BlockHandle(0, 0);

  /** Longest varint encoding: two 10-byte varints. */
  static final int MAX_ENCODED_LENGTH = 20;

  public boolean isNone() {
    return size == 0;
  }

  public void encodeTo(ByteSink sink) {
    sink.putVarint(offset).putVarint(size);
  }

  public byte[] encode() {
    byte[] out = new byte[Coding.varintLength(offset) + Coding.varintLength(size)];
    Coding.putVarint(out, Coding.putVarint(out, 0, offset), size);
    return out;
  }

  /**
   * Decodes the varint form.
   *
   * @throws IllegalStateException or {@link ArrayIndexOutOfBoundsException} on malformed input;
   *     callers turn those into a {@link io.nokv.kv.CorruptionException}
   */
  public static BlockHandle decode(byte[] b) {
    int[] pos = {0};
    long offset = Coding.getVarint(b, pos);
    long size = Coding.getVarint(b, pos);
    if (pos[0] != b.length) {
      throw new IllegalStateException("trailing bytes after a block handle");
    }
    return new BlockHandle(offset, size);
  }
}
