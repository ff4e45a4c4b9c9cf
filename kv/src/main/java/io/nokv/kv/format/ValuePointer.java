package io.nokv.kv.format;

/**
 * Where a separated value lives in the value log: segment file number, offset of the entry's
 * first byte, and the entry's total length on disk. Encoded as three varints in the SSTable value
 * of a {@link ValueType#VALUE_POINTER} entry.
 */
public record ValuePointer(long segment, long offset, int length) {
  public byte[] encode() {
    byte[] out = new byte[Coding.varintLength(segment) + Coding.varintLength(offset) + Coding.varintLength(length)];
    int p = Coding.putVarint(out, 0, segment);
    p = Coding.putVarint(out, p, offset);
    Coding.putVarint(out, p, length);
    return out;
  }

  public static ValuePointer decode(byte[] b) {
    int[] pos = {0};
    long seg = Coding.getVarint(b, pos);
    long off = Coding.getVarint(b, pos);
    int len = Coding.getVarint32(b, pos);
    return new ValuePointer(seg, off, len);
  }
}
