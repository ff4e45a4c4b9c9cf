package io.nokv.kv.format;

import java.util.zip.CRC32C;

/** CRC32C (the JDK's intrinsic) over byte ranges; every persistent record is covered by one. */
public final class Checksums {
  private Checksums() {}

  public static int crc32c(byte[] b, int off, int len) {
    CRC32C c = new CRC32C();
    c.update(b, off, len);
    return (int) c.getValue();
  }

  public static int crc32c(byte[] b) {
    return crc32c(b, 0, b.length);
  }
}
