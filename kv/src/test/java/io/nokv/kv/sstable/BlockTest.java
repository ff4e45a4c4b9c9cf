package io.nokv.kv.sstable;

import static io.nokv.kv.sstable.TableFiles.put;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nokv.kv.CorruptionException;
import io.nokv.kv.format.InternalKey;
import io.nokv.kv.format.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlockTest {

  private static Block build(Map<byte[], byte[]> entries, int restartInterval) {
    BlockBuilder b = new BlockBuilder(restartInterval, 256);
    entries.forEach(b::add);
    byte[] data = b.finishToArray();
    return Block.parse(data, data.length, "test.sst", 4096);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 16, 1000})
  void iteratesLikeTheModelInBothDirections(int restartInterval) throws Throwable {
    Seeded.run(
        rnd -> {
          NavigableMap<byte[], byte[]> model =
              TableFiles.randomModel(rnd, 1 + rnd.nextInt(400), 40);
          Block block = build(model, restartInterval);
          List<byte[]> keys = new ArrayList<>(model.keySet());

          BlockIterator it = block.iterator();
          it.seekToFirst();
          for (byte[] k : keys) {
            assertTrue(it.isValid());
            assertArrayEquals(k, it.key());
            assertArrayEquals(model.get(k), it.value());
            it.next();
          }
          assertFalse(it.isValid());

          it.seekToLast();
          for (int i = keys.size() - 1; i >= 0; i--) {
            assertTrue(it.isValid());
            assertArrayEquals(keys.get(i), it.key());
            assertArrayEquals(model.get(keys.get(i)), it.value());
            it.prev();
          }
          assertFalse(it.isValid());

          // A random walk of seeks, nexts and prevs against the model.
          Map.Entry<byte[], byte[]> expected = null;
          for (int step = 0; step < 2000; step++) {
            int op = rnd.nextInt(10);
            if (op < 3 || expected == null) {
              byte[] target =
                  TableFiles.ikey(
                      String.format("user%06d", rnd.nextInt(300)),
                      rnd.nextLong(1_000_001),
                      rnd.nextBoolean() ? ValueType.VALUE : ValueType.FOR_SEEK);
              it.seek(target);
              expected = model.ceilingEntry(target);
            } else if (op < 7) {
              it.next();
              expected = model.higherEntry(expected.getKey());
            } else {
              it.prev();
              expected = model.lowerEntry(expected.getKey());
            }
            assertEquals(expected != null, it.isValid(), "step " + step);
            if (expected != null) {
              assertArrayEquals(expected.getKey(), it.key(), "step " + step);
              assertArrayEquals(expected.getValue(), it.value(), "step " + step);
            }
          }
        });
  }

  @Test
  void seekEdgeCases() {
    NavigableMap<byte[], byte[]> model = TableFiles.newModel();
    for (int i = 10; i < 60; i += 2) {
      model.put(put("k" + i, 100), TableFiles.bytes("v" + i));
      model.put(put("k" + i, 50), TableFiles.bytes("old" + i));
    }
    BlockIterator it = build(model, 4).iterator();

    it.seek(put("a", 1)); // before everything
    assertArrayEquals(model.firstKey(), it.key());

    it.seek(put("z", 1)); // after everything
    assertFalse(it.isValid());

    it.seek(put("k20", 100)); // exact
    assertArrayEquals(put("k20", 100), it.key());

    it.seek(InternalKey.forSeek(TableFiles.bytes("k20"), 70)); // between versions: the older one
    assertArrayEquals(put("k20", 50), it.key());
    it.prev();
    assertArrayEquals(put("k20", 100), it.key());

    it.seek(
        InternalKey.forSeek(TableFiles.bytes("k20"), 10)); // older than all versions: next user key
    assertArrayEquals(put("k22", 100), it.key());

    it.seek(put("k21", 5)); // between user keys
    assertArrayEquals(put("k22", 100), it.key());

    it.seek(model.lastKey()); // last entry
    assertArrayEquals(model.lastKey(), it.key());
    it.next();
    assertFalse(it.isValid());

    it.seek(model.firstKey()); // first entry, then off the front
    it.prev();
    assertFalse(it.isValid());
    assertThrows(IllegalStateException.class, it::key);
  }

  @Test
  void emptyBlockIsNeverValid() {
    BlockIterator it = build(TableFiles.newModel(), 16).iterator();
    it.seekToFirst();
    assertFalse(it.isValid());
    it.seekToLast();
    assertFalse(it.isValid());
    it.seek(put("a", 1));
    assertFalse(it.isValid());
  }

  @Test
  void prefixCompressionStoresSharedPrefixesOnce() {
    NavigableMap<byte[], byte[]> model = TableFiles.newModel();
    String prefix = "a-rather-long-common-prefix-of-forty-bytes/";
    for (int i = 0; i < 64; i++) {
      model.put(put(prefix + String.format("%04d", i), 1), new byte[0]);
    }
    int rawKeyBytes = model.keySet().stream().mapToInt(k -> k.length).sum();
    BlockBuilder b16 = new BlockBuilder(16, 256);
    BlockBuilder b1 = new BlockBuilder(1, 256);
    model.forEach(b16::add);
    model.forEach(b1::add);
    byte[] compressed = b16.finishToArray();
    byte[] uncompressed = b1.finishToArray();
    // Every 16th key whole; the others store ~4 bytes of suffix plus the 8-byte trailer.
    assertTrue(compressed.length < rawKeyBytes / 2, compressed.length + " vs " + rawKeyBytes);
    assertTrue(uncompressed.length > rawKeyBytes, uncompressed.length + " vs " + rawKeyBytes);
    BlockIterator it = Block.parse(compressed, compressed.length, "t", 0).iterator();
    it.seekToLast();
    assertArrayEquals(model.lastKey(), it.key());
  }

  @Test
  void returnedArraysStayValidAfterMoving() {
    NavigableMap<byte[], byte[]> model = TableFiles.newModel();
    model.put(put("abc1", 1), TableFiles.bytes("one"));
    model.put(put("abc2", 1), TableFiles.bytes("two"));
    BlockIterator it = build(model, 16).iterator();
    it.seekToFirst();
    byte[] k = it.key();
    byte[] v = it.value();
    it.next();
    assertArrayEquals(put("abc1", 1), k);
    assertArrayEquals(TableFiles.bytes("one"), v);
  }

  @Test
  void damagedEntryIsCorruptionNamingFileAndBlock() {
    NavigableMap<byte[], byte[]> model = TableFiles.newModel();
    model.put(put("abc1", 1), TableFiles.bytes("one"));
    model.put(put("abc2", 1), TableFiles.bytes("two"));
    BlockBuilder b = new BlockBuilder(16, 256);
    model.forEach(b::add);
    byte[] data = b.finishToArray();
    int second = 3 + 12 + 3; // varints + key + value of the first entry
    data[second] = 100; // "shared" longer than the previous key
    BlockIterator it = Block.parse(data, data.length, "x.sst", 777).iterator();
    it.seekToFirst();
    CorruptionException e = assertThrows(CorruptionException.class, it::next);
    assertEquals("x.sst", e.file());
    assertEquals(777, e.offset());
  }

  @Test
  void badRestartArrayIsCorruption() {
    byte[] data = new byte[8];
    data[4] = 9; // nine restarts in an 8-byte block
    CorruptionException e =
        assertThrows(CorruptionException.class, () -> Block.parse(data, data.length, "y.sst", 12));
    assertEquals(12, e.offset());
    assertThrows(CorruptionException.class, () -> Block.parse(new byte[3], 3, "y.sst", 12));
  }
}
