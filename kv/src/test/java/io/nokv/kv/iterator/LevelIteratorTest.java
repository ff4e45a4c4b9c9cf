package io.nokv.kv.iterator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nokv.kv.format.Bytes;
import io.nokv.kv.format.InternalKey;
import io.nokv.kv.format.ValueType;
import io.nokv.kv.memtable.MemTable;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LevelIteratorTest {
  private static final long SEED = Long.getLong("nokv.seed", System.nanoTime());

  /** A level of in-memory "files" (memtables) and the sorted entries they hold together. */
  private static final class Level {
    final List<MemTable> files = new ArrayList<>();
    final List<byte[]> smallest = new ArrayList<>();
    final List<byte[]> largest = new ArrayList<>();
    final List<byte[]> keys = new ArrayList<>();
    final List<byte[]> values = new ArrayList<>();
    final List<byte[]> userKeys = new ArrayList<>();
    final AtomicInteger open = new AtomicInteger();
    int maxOpen;
    int opens;

    LevelIterator iterator() {
      return new LevelIterator(smallest, largest, i -> {
        opens++;
        TrackingIterator t = new TrackingIterator(files.get(i).iterator(), open);
        maxOpen = Math.max(maxOpen, open.get());
        return t;
      });
    }
  }

  /**
   * Builds a level from sorted distinct user keys cut into consecutive files, each key with a few
   * versions; with {@code emptyFiles}, some files hold no entries (their bounds still cover a gap).
   */
  private static Level buildLevel(SplittableRandom rnd, List<byte[]> sortedUserKeys, boolean emptyFiles) {
    Level level = new Level();
    level.userKeys.addAll(sortedUserKeys);
    long seq = 1000;
    int i = 0;
    while (i < sortedUserKeys.size()) {
      int take = 1 + rnd.nextInt(5);
      List<byte[]> chunk = sortedUserKeys.subList(i, Math.min(sortedUserKeys.size(), i + take));
      i += chunk.size();
      MemTable file = new MemTable();
      boolean empty = emptyFiles && rnd.nextInt(3) == 0;
      if (!empty) {
        for (byte[] uk : chunk) {
          int versions = 1 + rnd.nextInt(3);
          for (int v = 0; v < versions; v++) {
            long s = seq--;
            byte type = rnd.nextInt(4) == 0 ? ValueType.DELETE : ValueType.VALUE;
            byte[] value = type == ValueType.DELETE ? new byte[0] : TestKeys.b("v" + s);
            file.add(s, type, uk, value);
            level.keys.add(InternalKey.encode(uk, s, type));
            level.values.add(value);
          }
        }
      }
      // Bounds span the whole chunk, as a real file's would span its entries.
      level.smallest.add(InternalKey.forSeek(chunk.get(0), InternalKey.MAX_SEQUENCE));
      level.largest.add(InternalKey.encode(chunk.get(chunk.size() - 1), 0, ValueType.DELETE));
      level.files.add(file);
    }
    // Entries were appended in internal-key order: files and keys ascending, versions newest first.
    return level;
  }

  private static List<byte[]> distinctSortedKeys(SplittableRandom rnd, int n) {
    TreeSet<byte[]> set = new TreeSet<>(Bytes.COMPARATOR);
    while (set.size() < n) {
      set.add(TestKeys.randomKey(rnd, 4));
    }
    return new ArrayList<>(set);
  }

  @Test
  void randomMovesMatchConcatenationOfFiles() {
    SplittableRandom master = new SplittableRandom(SEED);
    for (int round = 0; round < 200; round++) {
      long seed = master.nextLong();
      try {
        SplittableRandom rnd = new SplittableRandom(seed);
        Level level = buildLevel(rnd, distinctSortedKeys(rnd, rnd.nextInt(40)), rnd.nextBoolean());
        LevelIterator it = level.iterator();
        new InternalIteratorChecker(level.keys, level.values, level.userKeys).run(it, rnd, 300);
        it.close();
        assertEquals(0, level.open.get(), "file iterators left open");
        assertTrue(level.maxOpen <= 1, "more than one file open at once: " + level.maxOpen);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("failed with nokv.seed=" + SEED + " round " + round + " seed " + seed + ": " + e.getMessage(), e);
      }
    }
  }

  @Test
  void seekOpensOnlyTheFileThatCanHoldTheTarget() {
    SplittableRandom rnd = new SplittableRandom(7);
    List<byte[]> keys = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      keys.add(TestKeys.b(String.format("k%03d", i)));
    }
    Level level = buildLevel(rnd, keys, false);
    LevelIterator it = level.iterator();
    it.seek(InternalKey.forSeek(TestKeys.b("k025"), InternalKey.MAX_SEQUENCE));
    assertTrue(it.isValid());
    assertArrayEquals(TestKeys.b("k025"), InternalKey.userKey(it.key()));
    assertEquals(1, level.opens);
    // A second seek inside the same file reuses the open iterator.
    it.seek(InternalKey.forSeek(TestKeys.b("k025"), InternalKey.MAX_SEQUENCE));
    assertEquals(1, level.opens);
    it.seek(InternalKey.forSeek(TestKeys.b("z"), InternalKey.MAX_SEQUENCE));
    assertFalse(it.isValid());
    assertEquals(0, level.open.get(), "seeking past the level closes the file");
    it.close();
  }

  @Test
  void emptyLevel() {
    LevelIterator it = new LevelIterator(List.of(), List.of(), i -> {
      throw new AssertionError("no file to open");
    });
    it.seekToFirst();
    assertFalse(it.isValid());
    it.seekToLast();
    assertFalse(it.isValid());
    it.seek(InternalKey.forSeek(TestKeys.b("a"), 1));
    assertFalse(it.isValid());
    it.close();
  }
}
