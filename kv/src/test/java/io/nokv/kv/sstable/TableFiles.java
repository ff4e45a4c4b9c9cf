package io.nokv.kv.sstable;

import io.nokv.kv.cache.BlockCache;
import io.nokv.kv.format.InternalKey;
import io.nokv.kv.format.ValueType;
import io.nokv.kv.fs.LocalFileSystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SplittableRandom;
import java.util.TreeMap;

/** Test helpers: keys, models and tables on the local file system. */
final class TableFiles {
  private TableFiles() {}

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] ikey(String user, long seq, byte type) {
    return InternalKey.encode(bytes(user), seq, type);
  }

  static byte[] put(String user, long seq) {
    return ikey(user, seq, ValueType.VALUE);
  }

  static NavigableMap<byte[], byte[]> newModel() {
    return new TreeMap<>(InternalKey.COMPARATOR);
  }

  /**
   * A model of {@code n} random entries: user keys share prefixes ("user000123"), some have several
   * versions, types are mixed; values are random bytes of 0..maxValue.
   */
  static NavigableMap<byte[], byte[]> randomModel(SplittableRandom rnd, int n, int maxValue) {
    NavigableMap<byte[], byte[]> model = newModel();
    int keySpace = Math.max(1, n / 2);
    while (model.size() < n) {
      String user = String.format("user%06d", rnd.nextInt(keySpace));
      long seq = 1 + rnd.nextLong(1_000_000);
      int t = rnd.nextInt(10);
      byte type = t == 0 ? ValueType.DELETE : t == 1 ? ValueType.VALUE_POINTER : ValueType.VALUE;
      byte[] value = new byte[type == ValueType.DELETE ? 0 : rnd.nextInt(maxValue + 1)];
      // Compressible: bytes from a small alphabet.
      for (int i = 0; i < value.length; i++) {
        value[i] = (byte) ('a' + rnd.nextInt(4));
      }
      model.put(ikey(user, seq, type), value);
    }
    return model;
  }

  static TableProperties write(Path file, TableOptions options, Map<byte[], byte[]> entries)
      throws IOException {
    TableBuilder b =
        new TableBuilder(LocalFileSystem.INSTANCE.create(file), file.toString(), options);
    for (Map.Entry<byte[], byte[]> e : entries.entrySet()) {
      b.add(e.getKey(), e.getValue());
    }
    return b.finish();
  }

  static TableReader open(Path file, long number, BlockCache cache) throws IOException {
    return TableReader.open(
        LocalFileSystem.INSTANCE.openRead(file), file.toString(), number, Files.size(file), cache);
  }

  /** Flips one bit of the byte at {@code offset}. */
  static void flipByte(Path file, long offset) throws IOException {
    byte[] all = Files.readAllBytes(file);
    all[(int) offset] ^= 0x10;
    Files.write(file, all);
  }
}
