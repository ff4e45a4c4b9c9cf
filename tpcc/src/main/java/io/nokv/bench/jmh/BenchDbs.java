package io.nokv.bench.jmh;

import io.nokv.kv.Db;
import io.nokv.kv.Options;
import io.nokv.kv.WriteOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Databases for the JMH benchmarks, built through the public {@link Db} API only. Keys are 16
 * bytes: {@code "key_"} and a 12-digit decimal record number, so key order is number order.
 */
final class BenchDbs {
  /** Writes that skip the fsync (the benchmarks measure CPU paths, not the device). */
  static final WriteOptions NO_SYNC = new WriteOptions().setSync(false);

  private BenchDbs() {}

  static byte[] key(long n) {
    byte[] k = new byte[16];
    k[0] = 'k';
    k[1] = 'e';
    k[2] = 'y';
    k[3] = '_';
    for (int i = 15; i >= 4; i--) {
      k[i] = (byte) ('0' + n % 10);
      n /= 10;
    }
    return k;
  }

  static byte[] value(long n, int size) {
    byte[] v = new byte[size];
    long x = n * 0x9E3779B97F4A7C15L;
    for (int i = 0; i < size; i++) {
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
      v[i] = (byte) x;
    }
    return v;
  }

  /**
   * A database in {@code dir} holding {@code keys} records of {@code valueSize} bytes, all in
   * SSTables of the bottom level: written with a tiny write buffer (so flushes produce many small
   * SSTs), then flushed and compacted.
   */
  static Db sstOnly(Path dir, long keys, int valueSize, long blockCacheSize) {
    Options options = new Options()
        .setWriteBufferSize(64 << 10)
        .setBlockCacheSize(blockCacheSize);
    Db db = Db.open(dir, options);
    try {
      for (long i = 0; i < keys; i++) {
        db.put(NO_SYNC, key(i), value(i, valueSize));
      }
      db.flush();
      db.compactRange();
      return db;
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory", e);
    }
  }

  static void delete(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
