package io.nokv.txn.mvcc;

/** Small big-endian and varint helpers shared by {@link Lock} and {@link Write}. */
final class RecordCodec {
  private RecordCodec() {}

  static final class Writer {
    private byte[] buf;
    private int pos;

    Writer(int capacity) {
      buf = new byte[capacity];
    }

    Writer u8(int v) {
      ensure(1);
      buf[pos++] = (byte) v;
      return this;
    }

    Writer u64(long v) {
      ensure(8);
      for (int i = 7; i >= 0; i--) {
        buf[pos + i] = (byte) v;
        v >>>= 8;
      }
      pos += 8;
      return this;
    }

    Writer varint(long v) {
      ensure(10);
      while ((v & ~0x7FL) != 0) {
        buf[pos++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      buf[pos++] = (byte) v;
      return this;
    }

    Writer bytes(byte[] b) {
      varint(b.length);
      ensure(b.length);
      System.arraycopy(b, 0, buf, pos, b.length);
      pos += b.length;
      return this;
    }

    byte[] toBytes() {
      return pos == buf.length ? buf : java.util.Arrays.copyOf(buf, pos);
    }

    private void ensure(int n) {
      if (pos + n > buf.length) {
        buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
      }
    }
  }

  static final class Reader {
    private final byte[] buf;
    private final String what;
    private int pos;

    Reader(byte[] buf, String what) {
      this.buf = buf;
      this.what = what;
    }

    int u8() {
      need(1);
      return buf[pos++] & 0xFF;
    }

    long u64() {
      need(8);
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v = (v << 8) | (buf[pos++] & 0xFF);
      }
      return v;
    }

    long varint() {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        int b = u8();
        v |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return v;
        }
      }
      throw new MvccFormatException(what + ": varint too long");
    }

    byte[] bytes() {
      long n = varint();
      if (n < 0 || n > buf.length - pos) {
        throw new MvccFormatException(what + ": length " + n + " past the end of the record");
      }
      byte[] out = java.util.Arrays.copyOfRange(buf, pos, pos + (int) n);
      pos += (int) n;
      return out;
    }

    void end() {
      if (pos != buf.length) {
        throw new MvccFormatException(what + ": " + (buf.length - pos) + " trailing bytes");
      }
    }

    private void need(int n) {
      if (pos + n > buf.length) {
        throw new MvccFormatException(what + ": truncated record");
      }
    }
  }
}
