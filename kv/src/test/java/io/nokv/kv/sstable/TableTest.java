package io.nokv.kv.sstable;

import static io.nokv.kv.sstable.TableFiles.bytes;
import static io.nokv.kv.sstable.TableFiles.ikey;
import static io.nokv.kv.sstable.TableFiles.put;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nokv.kv.Compression;
import io.nokv.kv.format.InternalKey;
import io.nokv.kv.format.ValueType;
import io.nokv.kv.fs.LocalFileSystem;
import io.nokv.kv.iterator.InternalIterator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TableTest {
  @TempDir Path dir;

  static Stream<Arguments> layouts() {
    List<Arguments> all = new ArrayList<>();
    for (Compression c : Compression.values()) {
      all.add(Arguments.of(c, 10));
      all.add(Arguments.of(c, 0));
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}, bloom {1}")
  @MethodSource("layouts")
  void readsBackWhatWasWritten(Compression compression, int bloomBits) throws Throwable {
    Seeded.run(
        rnd -> {
          NavigableMap<byte[], byte[]> model = TableFiles.randomModel(rnd, 3000, 200);
          Path file = dir.resolve("000001.sst");
          TableOptions options =
              TableOptions.DEFAULT.withCompression(compression).withBloomBitsPerKey(bloomBits);
          TableProperties written = TableFiles.write(file, options, model);
          assertEquals(Files.size(file), written.fileSize());
          assertTrue(written.dataBlocks() > 10, "blocks: " + written.dataBlocks());

          try (TableReader reader = TableFiles.open(file, 1, null)) {
            assertEquals(written, reader.properties());
            assertEquals(bloomBits > 0, reader.hasFilter());
            if (compression != Compression.NONE) {
              assertTrue(
                  reader.fileSize() < written.rawKeyBytes() + written.rawValueBytes(),
                  "compressed");
            }
            // Every entry by exact key; every user key is visible to the filter.
            for (Map.Entry<byte[], byte[]> e : model.entrySet()) {
              TableReader.Entry got = reader.get(e.getKey(), true);
              assertArrayEquals(e.getKey(), got.internalKey());
              assertArrayEquals(e.getValue(), got.value());
              assertTrue(reader.mayContain(InternalKey.userKey(e.getKey())));
            }
            assertFullScansMatch(reader.iterator(true), model);
            assertRandomWalkMatches(reader.iterator(true), model, rnd);
          }
        });
  }

  private static void assertFullScansMatch(
      InternalIterator it, NavigableMap<byte[], byte[]> model) {
    try (it) {
      it.seekToFirst();
      for (Map.Entry<byte[], byte[]> e : model.entrySet()) {
        assertTrue(it.isValid());
        assertArrayEquals(e.getKey(), it.key());
        assertArrayEquals(e.getValue(), it.value());
        it.next();
      }
      assertFalse(it.isValid());
      it.seekToLast();
      for (Map.Entry<byte[], byte[]> e : model.descendingMap().entrySet()) {
        assertTrue(it.isValid());
        assertArrayEquals(e.getKey(), it.key());
        it.prev();
      }
      assertFalse(it.isValid());
    }
  }

  private static void assertRandomWalkMatches(
      InternalIterator it, NavigableMap<byte[], byte[]> model, java.util.SplittableRandom rnd) {
    try (it) {
      Map.Entry<byte[], byte[]> expected = null;
      for (int step = 0; step < 3000; step++) {
        int op = rnd.nextInt(10);
        if (op == 0) {
          it.seekToFirst();
          expected = model.firstEntry();
        } else if (op == 1) {
          it.seekToLast();
          expected = model.lastEntry();
        } else if (op < 4 || expected == null) {
          byte[] target =
              InternalKey.forSeek(
                  bytes(String.format("user%06d", rnd.nextInt(1600))), rnd.nextLong(1_000_001));
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
    }
  }

  @Test
  void getReturnsTheNewestVersionAtOrBelowTheReadSequence() throws Exception {
    NavigableMap<byte[], byte[]> model = TableFiles.newModel();
    model.put(put("apple", 5), bytes("apple5"));
    model.put(ikey("banana", 30, ValueType.DELETE), new byte[0]);
    model.put(put("banana", 20), bytes("banana20"));
    model.put(ikey("banana", 10, ValueType.VALUE_POINTER), bytes("ptr10"));
    model.put(put("cherry", 7), bytes("cherry7"));
    Path file = dir.resolve("000002.sst");
    // Tiny blocks so that versions of "banana" straddle block boundaries.
    TableProperties props =
        TableFiles.write(
            file, TableOptions.DEFAULT.withBlockSize(16).withRestartInterval(1), model);
    assertEquals(5, props.dataBlocks());
    assertEquals(1, props.numDeletions());
    assertEquals(1, props.numValuePointers());
    assertEquals(5, props.smallestSeq());
    assertEquals(30, props.largestSeq());
    assertArrayEquals(put("apple", 5), props.smallestKey());
    assertArrayEquals(put("cherry", 7), props.largestKey());

    try (TableReader r = TableFiles.open(file, 2, null)) {
      byte[] banana = bytes("banana");
      assertEquals(
          ValueType.DELETE,
          InternalKey.type(r.get(InternalKey.forSeek(banana, 100), true).internalKey()));
      assertEquals(
          ValueType.DELETE,
          InternalKey.type(r.get(InternalKey.forSeek(banana, 30), true).internalKey()));
      assertArrayEquals(bytes("banana20"), r.get(InternalKey.forSeek(banana, 29), true).value());
      assertArrayEquals(bytes("banana20"), r.get(InternalKey.forSeek(banana, 20), true).value());
      TableReader.Entry old = r.get(InternalKey.forSeek(banana, 19), true);
      assertArrayEquals(ikey("banana", 10, ValueType.VALUE_POINTER), old.internalKey());
      assertNull(r.get(InternalKey.forSeek(banana, 9), true), "older than every version");
      assertNull(r.get(InternalKey.forSeek(bytes("apple"), 4), true));
      assertArrayEquals(
          bytes("apple5"), r.get(InternalKey.forSeek(bytes("apple"), 5), true).value());
      assertNull(r.get(InternalKey.forSeek(bytes("aaa"), 100), true), "before the first key");
      assertNull(r.get(InternalKey.forSeek(bytes("blueberry"), 100), true), "between keys");
      assertNull(r.get(InternalKey.forSeek(bytes("zucchini"), 100), true), "after the last key");
      assertArrayEquals(
          bytes("cherry7"), r.get(InternalKey.forSeek(bytes("cherry"), 100), true).value());
      assertFalse(
          r.mayContain(bytes("zucchini"))
              && r.mayContain(bytes("blueberry"))
              && r.mayContain(bytes("aaa")),
          "the filter rules out at least one absent key");
    }
  }

  @Test
  void getFindsKeysBetweenALastKeyAndAShortenedSeparator() throws Exception {
    // Blocks: [abc], [abz...]: the separator is shortened to "abd", so "abcd" sorts between the
    // first block's last key and its separator and must be looked up in the next block.
    NavigableMap<byte[], byte[]> model = TableFiles.newModel();
    model.put(put("abc", 1), bytes("1"));
    model.put(put("abzzz", 1), bytes("2"));
    Path file = dir.resolve("000003.sst");
    TableFiles.write(file, TableOptions.DEFAULT.withBlockSize(1), model);
    try (TableReader r = TableFiles.open(file, 3, null)) {
      assertNull(r.get(InternalKey.forSeek(bytes("abcd"), 9), true));
      assertArrayEquals(bytes("2"), r.get(InternalKey.forSeek(bytes("abzzz"), 9), true).value());
      InternalIterator it = r.iterator(false);
      it.seek(InternalKey.forSeek(bytes("abcd"), 9));
      assertArrayEquals(put("abzzz", 1), it.key());
      it.prev();
      assertArrayEquals(put("abc", 1), it.key());
      it.close();
    }
  }

  @Test
  void separatorsAreShortAndBetweenTheirNeighbours() {
    byte[] a = put("the quick brown fox", 5);
    byte[] b = put("the wily coyote", 9);
    byte[] sep = IndexKeys.separator(a, b);
    assertTrue(InternalKey.compare(a, sep) <= 0 && InternalKey.compare(sep, b) < 0);
    assertEquals("the r", new String(InternalKey.userKey(sep)));
    // Versions of one user key cannot be separated by a shorter key.
    assertArrayEquals(put("k", 9), IndexKeys.separator(put("k", 9), put("k", 3)));
    // A prefix, or adjacent bytes: nothing shorter exists.
    assertArrayEquals(put("ab", 1), IndexKeys.separator(put("ab", 1), put("abc", 1)));
    assertArrayEquals(put("abc", 1), IndexKeys.separator(put("abc", 1), put("abd", 1)));
    byte[] succ = IndexKeys.successor(put("hello", 3));
    assertEquals("i", new String(InternalKey.userKey(succ)));
    assertTrue(InternalKey.compare(put("hello", 3), succ) < 0);
    byte[] ff = InternalKey.encode(new byte[] {(byte) 0xFF, (byte) 0xFF}, 1, ValueType.VALUE);
    assertArrayEquals(ff, IndexKeys.successor(ff));
  }

  @Test
  void emptyTableHasNoEntries() throws Exception {
    Path file = dir.resolve("000004.sst");
    TableProperties props = TableFiles.write(file, TableOptions.DEFAULT, TableFiles.newModel());
    assertEquals(0, props.numEntries());
    try (TableReader r = TableFiles.open(file, 4, null)) {
      assertNull(r.properties().smallestKey());
      assertNull(r.get(InternalKey.forSeek(bytes("a"), 1), true));
      assertFalse(r.mayContain(bytes("a")));
      InternalIterator it = r.iterator(true);
      it.seekToFirst();
      assertFalse(it.isValid());
      it.seekToLast();
      assertFalse(it.isValid());
      it.close();
    }
  }

  @Test
  void builderRejectsKeysOutOfOrderAndCountsItsSize() throws Exception {
    Path file = dir.resolve("000005.sst");
    TableBuilder b =
        new TableBuilder(
            LocalFileSystem.INSTANCE.create(file), file.toString(), TableOptions.DEFAULT);
    b.add(put("b", 2), new byte[100]);
    long afterOne = b.estimatedSize();
    assertTrue(afterOne > 100);
    assertThrows(IllegalArgumentException.class, () -> b.add(put("a", 2), new byte[0]));
    assertThrows(IllegalArgumentException.class, () -> b.add(put("b", 2), new byte[0]));
    assertThrows(
        IllegalArgumentException.class, () -> b.add(put("b", 3), new byte[0]), "newer sorts first");
    b.add(put("b", 1), new byte[5000]); // cuts a block
    assertTrue(b.estimatedSize() > 5000);
    b.abandon();
    b.abandon();
    assertThrows(IllegalStateException.class, () -> b.add(put("c", 1), new byte[0]));
  }

  @Test
  void approximateOffsetsGrowWithKeys() throws Exception {
    NavigableMap<byte[], byte[]> model = TableFiles.newModel();
    for (int i = 0; i < 1000; i++) {
      model.put(put(String.format("key%05d", i), 1), new byte[100]);
    }
    Path file = dir.resolve("000006.sst");
    TableProperties p = TableFiles.write(file, TableOptions.DEFAULT, model);
    try (TableReader r = TableFiles.open(file, 6, null)) {
      assertEquals(0, r.approximateOffsetOf(put("a", 1)));
      long mid = r.approximateOffsetOf(put("key00500", 1));
      assertTrue(mid > p.fileSize() / 3 && mid < p.fileSize() * 2 / 3, "mid " + mid);
      assertTrue(r.approximateOffsetOf(put("z", 1)) > mid);
    }
  }

  @Test
  void compressionIsKeptOnlyWhenItSavesAnEighth() throws Throwable {
    Seeded.run(
        rnd -> {
          NavigableMap<byte[], byte[]> model = TableFiles.newModel();
          for (int i = 0; i < 200; i++) {
            byte[] value = new byte[100];
            if (i < 100) {
              rnd.nextBytes(value); // incompressible first half
            }
            model.put(put(String.format("key%05d", i), 1), value);
          }
          Path file = dir.resolve("000007.sst");
          TableFiles.write(file, TableOptions.DEFAULT.withCompression(Compression.LZ4), model);
          byte[] all = Files.readAllBytes(file);
          try (TableReader r = TableFiles.open(file, 7, null)) {
            List<BlockHandle> blocks = r.dataBlockHandles();
            BlockHandle first = blocks.get(0);
            BlockHandle last = blocks.get(blocks.size() - 1);
            assertEquals(Compression.NONE.id(), all[(int) (first.offset() + first.size())]);
            assertEquals(Compression.LZ4.id(), all[(int) (last.offset() + last.size())]);
            assertFullScansMatch(r.iterator(true), model);
          }
        });
  }
}
