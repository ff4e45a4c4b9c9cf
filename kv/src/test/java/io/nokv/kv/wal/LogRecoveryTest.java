package io.nokv.kv.wal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nokv.kv.CorruptionException;
import io.nokv.kv.FormatVersionException;
import io.nokv.kv.format.Checksums;
import io.nokv.kv.format.Coding;
import io.nokv.kv.fs.MemFileSystem;
import io.nokv.kv.fs.TestFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The recovery rules of {@link LogReader}: torn tails of the last segment are dropped, every other
 * kind of damage is reported with the file and the offset of the damaged record.
 */
class LogRecoveryTest {
  private static final long SEED = 20240611L;
  private static final Path DIR = Path.of("/wal-test");

  private MemFileSystem fs;
  private int fileCounter;

  /** A complete log of {@code count} records, and where each record starts. */
  private record Log(byte[] bytes, long[] starts, List<byte[]> records) {
    long end(int record) {
      return record + 1 < starts.length ? starts[record + 1] : bytes.length;
    }
  }

  /** What reading a file produced. */
  private record Outcome(
      List<byte[]> records, long tornTailOffset, long validLength, long logNumber) {}

  @BeforeEach
  void setUp() throws IOException {
    fs = new MemFileSystem();
    fs.createDirectories(DIR);
  }

  private Log buildLog(int count) throws IOException {
    SplittableRandom rnd = new SplittableRandom(SEED);
    Path p = DIR.resolve("build.wal");
    long[] starts = new long[count];
    List<byte[]> records = new ArrayList<>();
    try (LogWriter w = new LogWriter(fs.create(p), p.toString(), 77)) {
      for (int i = 0; i < count; i++) {
        byte[] rec = new byte[20 + rnd.nextInt(60)];
        rnd.nextBytes(rec);
        starts[i] = w.size();
        w.addRecord(rec, 0, rec.length);
        records.add(rec);
      }
    }
    return new Log(TestFiles.read(fs, p), starts, records);
  }

  private Path store(byte[] contents) throws IOException {
    Path p = DIR.resolve(String.format("%06d.wal", ++fileCounter));
    TestFiles.write(fs, p, contents);
    return p;
  }

  private Outcome read(Path p, boolean last) throws IOException {
    try (LogReader r = LogReader.open(fs, p, last)) {
      List<byte[]> out = new ArrayList<>();
      for (byte[] rec = r.next(); rec != null; rec = r.next()) {
        out.add(rec);
      }
      return new Outcome(out, r.tornTailOffset(), r.validLength(), r.logNumber());
    }
  }

  private Outcome read(byte[] contents, boolean last) throws IOException {
    return read(store(contents), last);
  }

  private static void assertPrefix(Log log, int count, Outcome o) {
    assertEquals(count, o.records().size());
    for (int i = 0; i < count; i++) {
      assertArrayEquals(log.records().get(i), o.records().get(i), "record " + i);
    }
  }

  private CorruptionException assertCorrupt(byte[] contents, boolean last, long offset)
      throws IOException {
    Path p = store(contents);
    CorruptionException e = assertThrows(CorruptionException.class, () -> read(p, last));
    assertEquals(p.toString(), e.file());
    assertEquals(offset, e.offset(), e.getMessage());
    return e;
  }

  @Test
  void truncationAtEveryByteOfTheLastRecordIsATornTail() throws IOException {
    Log log = buildLog(5);
    long start = log.starts()[4];
    Outcome clean = read(Arrays.copyOf(log.bytes(), (int) start), true);
    assertPrefix(log, 4, clean);
    assertEquals(-1, clean.tornTailOffset(), "a cut at a record boundary is a clean end");
    for (long cut = start + 1; cut < log.bytes().length; cut++) {
      Outcome o = read(Arrays.copyOf(log.bytes(), (int) cut), true);
      assertPrefix(log, 4, o);
      assertEquals(start, o.tornTailOffset(), "cut at " + cut);
      assertEquals(start, o.validLength());
      assertEquals(77, o.logNumber());
    }
  }

  @Test
  void garbageFromEveryByteOfTheLastRecordIsATornTail() throws IOException {
    Log log = buildLog(5);
    long start = log.starts()[4];
    SplittableRandom rnd = new SplittableRandom(SEED);
    for (long cut = start; cut < log.bytes().length; cut++) {
      byte[] damaged = log.bytes().clone();
      for (int i = (int) cut; i < damaged.length; i++) {
        damaged[i] = (byte) rnd.nextInt(256);
      }
      if (Arrays.equals(damaged, log.bytes())) {
        continue;
      }
      Outcome o = read(damaged, true);
      assertPrefix(log, 4, o);
      assertEquals(start, o.tornTailOffset(), "garbage from " + cut + ", seed " + SEED);
    }
  }

  @Test
  void garbageOrZerosAfterTheLastRecordAreATornTail() throws IOException {
    Log log = buildLog(5);
    byte[] withZeros = Arrays.copyOf(log.bytes(), log.bytes().length + 4096);
    Outcome zeros = read(withZeros, true);
    assertPrefix(log, 5, zeros);
    assertEquals(log.bytes().length, zeros.tornTailOffset());

    byte[] withGarbage = Arrays.copyOf(log.bytes(), log.bytes().length + 1000);
    byte[] garbage = new byte[1000];
    new SplittableRandom(SEED).nextBytes(garbage);
    System.arraycopy(garbage, 0, withGarbage, log.bytes().length, garbage.length);
    Outcome o = read(withGarbage, true);
    assertPrefix(log, 5, o);
    assertEquals(log.bytes().length, o.tornTailOffset());
    assertEquals(log.bytes().length, o.validLength());
  }

  @Test
  void flippedByteInAnEarlierRecordIsCorruptionAtThatRecord() throws IOException {
    Log log = buildLog(6);
    long start = log.starts()[2];
    for (long at = start; at < log.end(2); at++) {
      byte[] damaged = log.bytes().clone();
      damaged[(int) at] ^= (byte) 0x40;
      CorruptionException e = assertCorrupt(damaged, true, start);
      assertTrue(e.getMessage().contains("valid record follows"), e.getMessage());
      assertCorrupt(damaged, false, start);
    }
  }

  @Test
  void damageFollowedByATruncatedTailIsStillCorruption() throws IOException {
    Log log = buildLog(6);
    byte[] damaged = Arrays.copyOf(log.bytes(), (int) log.starts()[5] + 3);
    damaged[(int) log.starts()[1] + 10] ^= 1;
    assertCorrupt(damaged, true, log.starts()[1]);
  }

  @Test
  void flippedByteInTheLastRecordOfTheLastSegmentLooksTorn() throws IOException {
    Log log = buildLog(4);
    byte[] damaged = log.bytes().clone();
    damaged[(int) log.starts()[3] + 9] ^= 1;
    Outcome o = read(damaged, true);
    assertPrefix(log, 3, o);
    assertEquals(log.starts()[3], o.tornTailOffset());
  }

  @Test
  void anyDamageInAnEarlierSegmentIsCorruption() throws IOException {
    Log log = buildLog(4);
    long start = log.starts()[3];
    assertPrefix(log, 4, read(log.bytes(), false));
    for (long cut = start + 1; cut < log.bytes().length; cut++) {
      assertCorrupt(Arrays.copyOf(log.bytes(), (int) cut), false, start);
    }
    assertCorrupt(Arrays.copyOf(log.bytes(), log.bytes().length + 100), false, log.bytes().length);
  }

  @Test
  void tornOrMissingHeaderOfTheLastSegmentIsAnEmptyLog() throws IOException {
    Log log = buildLog(1);
    List<byte[]> shapes =
        List.of(
            new byte[0],
            Arrays.copyOf(log.bytes(), 10),
            Arrays.copyOf(log.bytes(), LogFormat.HEADER_SIZE - 1),
            new byte[LogFormat.HEADER_SIZE],
            new byte[4096]);
    for (byte[] shape : shapes) {
      Outcome o = read(shape, true);
      assertEquals(0, o.records().size());
      assertEquals(-1, o.logNumber());
      assertEquals(0, o.tornTailOffset());
      assertEquals(0, o.validLength());
      assertCorrupt(shape, false, 0);
    }
    byte[] garbageHeader = Arrays.copyOf(log.bytes(), LogFormat.HEADER_SIZE);
    new SplittableRandom(SEED).nextBytes(garbageHeader);
    assertEquals(0, read(garbageHeader, true).records().size());
    byte[] badHeaderCrc = Arrays.copyOf(log.bytes(), LogFormat.HEADER_SIZE);
    badHeaderCrc[LogFormat.LOG_NUMBER_OFFSET] ^= 1;
    assertEquals(-1, read(badHeaderCrc, true).logNumber());
  }

  @Test
  void damagedHeaderFollowedByRecordsIsCorruption() throws IOException {
    Log log = buildLog(3);
    byte[] badMagic = log.bytes().clone();
    badMagic[2] ^= 1;
    CorruptionException e = assertCorrupt(badMagic, true, 0);
    assertTrue(e.getMessage().contains("bad magic"), e.getMessage());
    assertCorrupt(badMagic, false, 0);
    byte[] badCrc = log.bytes().clone();
    badCrc[LogFormat.HEADER_CRC_OFFSET] ^= 1;
    assertCorrupt(badCrc, true, 0);
    assertCorrupt(badCrc, false, 0);
  }

  @Test
  void unknownVersionIsAFormatVersionException() throws IOException {
    Log log = buildLog(2);
    byte[] v2 = log.bytes().clone();
    Coding.putInt(v2, LogFormat.VERSION_OFFSET, 2);
    Coding.putInt(
        v2, LogFormat.HEADER_CRC_OFFSET, Checksums.crc32c(v2, 0, LogFormat.HEADER_CRC_OFFSET));
    for (boolean last : new boolean[] {true, false}) {
      Path p = store(v2);
      FormatVersionException e = assertThrows(FormatVersionException.class, () -> read(p, last));
      assertEquals(2, e.foundVersion());
      assertEquals(p.toString(), e.file());
    }
  }

  @Test
  void readerOpenedOnACleanLogReportsNoTear() throws IOException {
    Log log = buildLog(3);
    Outcome o = read(log.bytes(), true);
    assertPrefix(log, 3, o);
    assertEquals(-1, o.tornTailOffset());
    assertEquals(log.bytes().length, o.validLength());
    assertFalse(o.records().isEmpty());
  }
}
