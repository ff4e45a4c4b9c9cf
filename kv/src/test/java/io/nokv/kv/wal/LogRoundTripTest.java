package io.nokv.kv.wal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nokv.kv.fs.FileSystem;
import io.nokv.kv.fs.LocalFileSystem;
import io.nokv.kv.fs.MemFileSystem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogRoundTripTest {
  @TempDir Path tmp;

  private FileSystem fileSystem(String kind) throws IOException {
    FileSystem fs = kind.equals("mem") ? new MemFileSystem() : LocalFileSystem.INSTANCE;
    fs.createDirectories(tmp);
    return fs;
  }

  private static List<byte[]> readAll(FileSystem fs, Path p, boolean last, long expectedLogNumber)
      throws IOException {
    List<byte[]> out = new ArrayList<>();
    try (LogReader r = LogReader.open(fs, p, last)) {
      assertEquals(expectedLogNumber, r.logNumber());
      for (byte[] rec = r.next(); rec != null; rec = r.next()) {
        out.add(rec);
      }
      assertNull(r.next(), "stays at the end");
      assertEquals(-1, r.tornTailOffset());
      assertEquals(fs.size(p), r.validLength());
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"mem", "local"})
  void manyRecordsOfRandomSizes(String kind) throws IOException {
    long seed = System.nanoTime();
    SplittableRandom rnd = new SplittableRandom(seed);
    FileSystem fs = fileSystem(kind);
    Path p = tmp.resolve("000012.wal");
    List<byte[]> written = new ArrayList<>();
    long expectedSize = LogFormat.HEADER_SIZE;
    try (LogWriter w = new LogWriter(fs.create(p), p.toString(), 12)) {
      assertEquals(LogFormat.HEADER_SIZE, w.size());
      for (int i = 0; i < 2000; i++) {
        byte[] rec = new byte[rnd.nextInt(10) == 0 ? rnd.nextInt(100_000) : rnd.nextInt(300)];
        rnd.nextBytes(rec);
        written.add(rec);
        expectedSize += w.addRecord(rec, 0, rec.length);
        if (i % 100 == 0) {
          w.sync();
        }
      }
      assertEquals(expectedSize, w.size(), "seed " + seed);
    }
    List<byte[]> read = readAll(fs, p, true, 12);
    assertEquals(written.size(), read.size(), "seed " + seed);
    for (int i = 0; i < written.size(); i++) {
      assertArrayEquals(written.get(i), read.get(i), "record " + i + ", seed " + seed);
    }
    assertEquals(written.size(), readAll(fs, p, false, 12).size());
  }

  @Test
  void emptyRecordsSlicesAndABigRecord() throws IOException {
    FileSystem fs = fileSystem("mem");
    Path p = tmp.resolve("000001.wal");
    byte[] big = new byte[24 << 20];
    new SplittableRandom(1).nextBytes(big);
    byte[] slice = "xxpayloadxx".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    try (LogWriter w = new LogWriter(fs.create(p), p.toString(), 1)) {
      assertEquals(8, w.addRecord(new byte[0], 0, 0));
      assertEquals(15, w.addRecord(slice, 2, 7));
      assertEquals(8 + big.length, w.addRecord(big, 0, big.length));
      w.addRecord(new byte[0], 0, 0);
      w.sync();
    }
    List<byte[]> read = readAll(fs, p, true, 1);
    assertEquals(4, read.size());
    assertEquals(0, read.get(0).length);
    assertArrayEquals("payload".getBytes(java.nio.charset.StandardCharsets.UTF_8), read.get(1));
    assertArrayEquals(big, read.get(2));
    assertEquals(0, read.get(3).length);
  }

  @Test
  void headerOnlyLogIsEmptyAndClean() throws IOException {
    FileSystem fs = fileSystem("mem");
    Path p = tmp.resolve("000002.wal");
    new LogWriter(fs.create(p), p.toString(), 2).close();
    assertEquals(List.of(), readAll(fs, p, false, 2));
  }

  @Test
  void oversizedRecordIsRejectedBeforeWriting() throws IOException {
    FileSystem fs = fileSystem("mem");
    Path p = tmp.resolve("000003.wal");
    try (LogWriter w = new LogWriter(fs.create(p), p.toString(), 3)) {
      assertThrows(
          IllegalArgumentException.class,
          () -> w.addRecord(new byte[1], 0, LogFormat.MAX_RECORD_BYTES + 1));
      assertEquals(LogFormat.HEADER_SIZE, w.size());
    }
  }
}
