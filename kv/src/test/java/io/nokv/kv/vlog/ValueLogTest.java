package io.nokv.kv.vlog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nokv.kv.CorruptionException;
import io.nokv.kv.FormatVersionException;
import io.nokv.kv.format.Checksums;
import io.nokv.kv.format.Coding;
import io.nokv.kv.format.ValuePointer;
import io.nokv.kv.fs.FaultInjectingFileSystem;
import io.nokv.kv.fs.FileSystem;
import io.nokv.kv.fs.LocalFileSystem;
import io.nokv.kv.fs.MemFileSystem;
import io.nokv.kv.fs.TestFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValueLogTest {
  private static final long SEED = 987654321L;

  @TempDir Path tmp;

  /** A finished segment: its path, the pointers returned and the entries written. */
  private record Segment(
      Path path, List<ValuePointer> pointers, List<byte[]> keys, List<byte[]> values) {}

  private Segment writeSegment(FileSystem fs, long number, int count) throws IOException {
    SplittableRandom rnd = new SplittableRandom(SEED);
    Path p = tmp.resolve(String.format("%06d.vlog", number));
    ValueLogWriter w = new ValueLogWriter(fs.create(p), p.toString(), number);
    List<ValuePointer> pointers = new ArrayList<>();
    List<byte[]> keys = new ArrayList<>();
    List<byte[]> values = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] key = ("key-" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      byte[] value = new byte[i % 17 == 0 ? 0 : rnd.nextInt(i % 50 == 1 ? 200_000 : 3000)];
      rnd.nextBytes(value);
      ValuePointer ptr = w.append(key, value);
      assertEquals(number, ptr.segment());
      pointers.add(ptr);
      keys.add(key);
      values.add(value);
      assertEquals(ptr.offset() + ptr.length(), w.size());
    }
    assertEquals(count, w.entryCount());
    long size = w.finish();
    assertEquals(fs.size(p), size);
    return new Segment(p, pointers, keys, values);
  }

  @ParameterizedTest
  @ValueSource(strings = {"mem", "local"})
  void roundTripThroughReadReadEntryAndIteration(String kind) throws IOException {
    FileSystem fs = kind.equals("mem") ? new MemFileSystem() : LocalFileSystem.INSTANCE;
    fs.createDirectories(tmp);
    Segment s = writeSegment(fs, 31, 300);
    try (ValueLogReader r = ValueLogReader.open(fs, s.path(), 31)) {
      assertEquals(300, r.entryCount());
      assertEquals(fs.size(s.path()) - ValueLogFormat.FOOTER_SIZE, r.dataEnd());
      for (int i = s.pointers().size() - 1; i >= 0; i--) {
        ValuePointer decoded = ValuePointer.decode(s.pointers().get(i).encode());
        assertArrayEquals(s.values().get(i), r.read(decoded), "entry " + i);
        ValueLogReader.Entry e = r.readEntry(decoded);
        assertArrayEquals(s.keys().get(i), e.key());
        assertArrayEquals(s.values().get(i), e.value());
      }
      List<ValuePointer> seen = new ArrayList<>();
      r.forEach(
          (ptr, key, value) -> {
            int i = seen.size();
            assertArrayEquals(s.keys().get(i), key);
            assertArrayEquals(s.values().get(i), value);
            seen.add(ptr);
          });
      assertEquals(s.pointers(), seen);
    }
  }

  @Test
  void emptySegmentIsValid() throws IOException {
    FileSystem fs = new MemFileSystem();
    fs.createDirectories(tmp);
    Segment s = writeSegment(fs, 2, 0);
    try (ValueLogReader r = ValueLogReader.open(fs, s.path(), 2)) {
      assertEquals(0, r.entryCount());
      assertFalse(r.cursor().next());
    }
  }

  @Test
  void flippedByteInAnEntryIsCorruptionNamingTheEntry() throws IOException {
    MemFileSystem mem = new MemFileSystem();
    FaultInjectingFileSystem fs = new FaultInjectingFileSystem(mem);
    fs.createDirectories(tmp);
    Segment s = writeSegment(fs, 5, 10);
    ValuePointer victim = s.pointers().get(3);
    try (ValueLogReader r = ValueLogReader.open(fs, s.path(), 5)) {
      for (long at = victim.offset(); at < victim.offset() + victim.length(); at++) {
        fs.corrupt(s.path(), at);
        CorruptionException e = assertThrows(CorruptionException.class, () -> r.read(victim));
        assertEquals(s.path().toString(), e.file());
        assertEquals(victim.offset(), e.offset());
        assertThrows(CorruptionException.class, () -> r.readEntry(victim));
        CorruptionException scan =
            assertThrows(CorruptionException.class, () -> r.forEach((p, k, v) -> {}));
        assertEquals(victim.offset(), scan.offset());
        assertArrayEquals(
            s.values().get(4), r.read(s.pointers().get(4)), "neighbours stay readable");
        fs.corrupt(s.path(), at); // flip back
      }
      assertArrayEquals(s.values().get(3), r.read(victim));
    }
  }

  @Test
  void pointerOutsideTheDataOrWithTheWrongLengthIsCorruption() throws IOException {
    FileSystem fs = new MemFileSystem();
    fs.createDirectories(tmp);
    Segment s = writeSegment(fs, 6, 5);
    ValuePointer p = s.pointers().get(2);
    try (ValueLogReader r = ValueLogReader.open(fs, s.path(), 6)) {
      ValuePointer pastEnd = new ValuePointer(6, r.dataEnd() - 3, 10);
      assertEquals(
          pastEnd.offset(),
          assertThrows(CorruptionException.class, () -> r.read(pastEnd)).offset());
      ValuePointer intoHeader = new ValuePointer(6, 4, 10);
      assertThrows(CorruptionException.class, () -> r.read(intoHeader));
      ValuePointer tooShort = new ValuePointer(6, p.offset(), p.length() - 1);
      assertEquals(
          p.offset(), assertThrows(CorruptionException.class, () -> r.read(tooShort)).offset());
      assertThrows(
          IllegalArgumentException.class,
          () -> r.read(new ValuePointer(7, p.offset(), p.length())));
    }
  }

  @Test
  void damagedHeaderOrFooterOrWrongSegmentIsRejectedAtOpen() throws IOException {
    MemFileSystem fs = new MemFileSystem();
    fs.createDirectories(tmp);
    byte[] good = TestFiles.read(fs, writeSegment(fs, 9, 4).path());
    int footer = good.length - ValueLogFormat.FOOTER_SIZE;

    assertOpenFails(fs, flip(good, 1), 9, 0, "bad magic");
    assertOpenFails(fs, flip(good, ValueLogFormat.SEGMENT_OFFSET), 9, 0, "checksum");
    assertOpenFails(fs, good, 10, ValueLogFormat.SEGMENT_OFFSET, "expected 10");
    assertOpenFails(fs, flip(good, footer + 2), 9, footer, "footer");
    assertOpenFails(
        fs, flip(good, footer + ValueLogFormat.COUNT_OFFSET), 9, footer, "footer checksum");
    assertOpenFails(fs, java.util.Arrays.copyOf(good, good.length - 1), 9, footer - 1, "footer");
    assertOpenFails(fs, java.util.Arrays.copyOf(good, 30), 9, 0, "too short");

    byte[] v3 = good.clone();
    Coding.putInt(v3, ValueLogFormat.VERSION_OFFSET, 3);
    Coding.putInt(
        v3,
        ValueLogFormat.HEADER_CRC_OFFSET,
        Checksums.crc32c(v3, 0, ValueLogFormat.HEADER_CRC_OFFSET));
    Path p = tmp.resolve("v3.vlog");
    TestFiles.write(fs, p, v3);
    assertEquals(
        3,
        assertThrows(FormatVersionException.class, () -> ValueLogReader.open(fs, p, 9))
            .foundVersion());
  }

  @Test
  void abandonedSegmentHasNoFooterAndIsRejected() throws IOException {
    FileSystem fs = new MemFileSystem();
    fs.createDirectories(tmp);
    Path p = tmp.resolve("000011.vlog");
    ValueLogWriter w = new ValueLogWriter(fs.create(p), p.toString(), 11);
    for (int i = 0; i < 20; i++) {
      w.append(new byte[] {(byte) i}, new byte[40]);
    }
    w.abandon();
    assertThrows(IllegalStateException.class, () -> w.append(new byte[1], new byte[1]));
    CorruptionException e =
        assertThrows(CorruptionException.class, () -> ValueLogReader.open(fs, p, 11));
    assertTrue(e.getMessage().contains("footer"), e.getMessage());
  }

  @Test
  void concurrentReadersGetTheirOwnValues() throws Exception {
    FileSystem fs = new MemFileSystem();
    fs.createDirectories(tmp);
    Segment s = writeSegment(fs, 12, 400);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try (ValueLogReader r = ValueLogReader.open(fs, s.path(), 12)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        long seed = SEED + t;
        futures.add(
            pool.submit(
                () -> {
                  SplittableRandom rnd = new SplittableRandom(seed);
                  for (int n = 0; n < 2000; n++) {
                    int i = rnd.nextInt(s.pointers().size());
                    assertArrayEquals(
                        s.values().get(i), r.read(s.pointers().get(i)), "seed " + seed);
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get(20, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static byte[] flip(byte[] b, int at) {
    byte[] c = b.clone();
    c[at] ^= 0x10;
    return c;
  }

  private void assertOpenFails(
      FileSystem fs, byte[] contents, long expectedSegment, long offset, String detail)
      throws IOException {
    Path p = tmp.resolve("damaged.vlog");
    TestFiles.write(fs, p, contents);
    CorruptionException e =
        assertThrows(CorruptionException.class, () -> ValueLogReader.open(fs, p, expectedSegment));
    assertEquals(p.toString(), e.file());
    assertEquals(offset, e.offset(), e.getMessage());
    assertTrue(e.getMessage().contains(detail), e.getMessage());
  }
}
