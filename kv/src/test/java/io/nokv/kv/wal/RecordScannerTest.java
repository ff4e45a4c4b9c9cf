package io.nokv.kv.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nokv.kv.CorruptionException;
import io.nokv.kv.format.Checksums;
import io.nokv.kv.format.Coding;
import io.nokv.kv.fs.MemFileSystem;
import io.nokv.kv.fs.ReadableFile;
import io.nokv.kv.fs.TestFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The torn-tail scan: same answers as the obvious quadratic search, and fast on long garbage. */
class RecordScannerTest {
  private final MemFileSystem fs = new MemFileSystem();
  private final Path dir = Path.of("/scan");

  private static int crc(byte[] b, int off, int len) {
    return Checksums.crc32c(b, off, len);
  }

  @Test
  void combineMatchesTheChecksumOfTheConcatenation() {
    long seed = System.nanoTime();
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = 0; i < 200; i++) {
      byte[] all = new byte[rnd.nextInt(5000)];
      rnd.nextBytes(all);
      int split = all.length == 0 ? 0 : rnd.nextInt(all.length + 1);
      int combined =
          Crc32cCombine.combine(
              crc(all, 0, split), crc(all, split, all.length - split), all.length - split);
      assertEquals(crc(all, 0, all.length), combined, "seed " + seed);
    }
  }

  /** Writes a valid frame with a payload of {@code len} random bytes at {@code at}. */
  private static void plantFrame(byte[] file, int at, int len, SplittableRandom rnd) {
    byte[] payload = new byte[len];
    rnd.nextBytes(payload);
    Coding.putInt(file, at + 4, len);
    System.arraycopy(payload, 0, file, at + 8, len);
    Coding.putInt(file, at, crc(file, at + 4, len + 4));
  }

  private static long naiveScan(byte[] file, long from) {
    for (long q = from; q <= file.length - 8; q++) {
      int len = Coding.getInt(file, (int) q + 4);
      if (len < 0 || len > file.length - q - 8) {
        continue;
      }
      if (crc(file, (int) q + 4, len + 4) == Coding.getInt(file, (int) q)) {
        return q;
      }
    }
    return -1;
  }

  private long scan(byte[] contents, long from) throws IOException {
    fs.createDirectories(dir);
    Path p = dir.resolve("f");
    TestFiles.write(fs, p, contents);
    try (ReadableFile f = fs.openRead(p)) {
      return RecordScanner.findValidRecord(f, contents.length, from);
    }
  }

  @Test
  void agreesWithTheNaiveSearchOnGarbageWithPlantedFrames() throws IOException {
    long seed = System.nanoTime();
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int round = 0; round < 40; round++) {
      byte[] file = new byte[1000 + rnd.nextInt(60_000)];
      rnd.nextBytes(file);
      // Small lengths so random length fields are plausible often.
      for (int i = 0; i < 200; i++) {
        Coding.putInt(file, rnd.nextInt(file.length - 8) + 4, rnd.nextInt(file.length));
      }
      int frames = rnd.nextInt(3);
      for (int i = 0; i < frames; i++) {
        int len = rnd.nextBoolean() ? rnd.nextInt(100) : rnd.nextInt(Math.max(1, file.length / 3));
        if (len + 8 < file.length) {
          plantFrame(file, rnd.nextInt(file.length - len - 8 + 1), len, rnd);
        }
      }
      long from = rnd.nextInt(file.length);
      assertEquals(naiveScan(file, from), scan(file, from), "round " + round + ", seed " + seed);
    }
  }

  @Test
  void sixteenMegabytesOfGarbageAfterTheLastRecordAreScannedQuickly() throws IOException {
    SplittableRandom rnd = new SplittableRandom(7);
    fs.createDirectories(dir);
    Path p = dir.resolve("000001.wal");
    try (LogWriter w = new LogWriter(fs.create(p), p.toString(), 1)) {
      w.addRecord(new byte[100], 0, 100);
    }
    byte[] clean = TestFiles.read(fs, p);
    byte[] torn = Arrays.copyOf(clean, clean.length + (16 << 20));
    byte[] garbage = new byte[16 << 20];
    rnd.nextBytes(garbage);
    System.arraycopy(garbage, 0, torn, clean.length, garbage.length);
    TestFiles.write(fs, p, torn);
    try (LogReader r = LogReader.open(fs, p, true)) {
      assertEquals(100, r.next().length);
      assertNull(r.next());
      assertEquals(clean.length, r.tornTailOffset());
    }

    // A valid 3 MiB record deep in the garbage turns the tail into damage.
    plantFrame(torn, clean.length + (9 << 20) + 3, 3 << 20, rnd);
    TestFiles.write(fs, p, torn);
    try (LogReader r = LogReader.open(fs, p, true)) {
      r.next();
      CorruptionException e = assertThrows(CorruptionException.class, r::next);
      assertEquals(clean.length, e.offset());
    }
  }
}
