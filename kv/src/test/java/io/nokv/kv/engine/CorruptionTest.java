package io.nokv.kv.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nokv.kv.CorruptionException;
import io.nokv.kv.Db;
import io.nokv.kv.DbIterator;
import io.nokv.kv.Options;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One flipped byte in each kind of file gives a {@link CorruptionException} naming that file, and
 * never a wrong answer: every read either returns the written value or throws.
 */
class CorruptionTest {
  @TempDir Path dir;

  private static byte[] key(int i) {
    return String.format("key%06d", i).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] value(int i, int len) {
    byte[] v = new byte[len];
    for (int j = 0; j < len; j++) {
      v[j] = (byte) (i * 7 + j);
    }
    return v;
  }

  private static void flip(Path file, long offset) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(offset);
      int b = f.read();
      f.seek(offset);
      f.write(b ^ 0x5A);
    }
  }

  private Path largest(String suffix) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(suffix))
          .max(Comparator.comparingLong(p -> p.toFile().length()))
          .orElseThrow(() -> new AssertionError("no " + suffix + " file in " + dir));
    }
  }

  /** Reads every key; returns how many reads raised a corruption naming {@code file}. */
  private static int readAll(Db db, int n, int valueLen, Path file) {
    int errors = 0;
    for (int i = 0; i < n; i++) {
      try {
        assertArrayEquals(value(i, valueLen), db.get(key(i)), "wrong answer for key " + i);
      } catch (CorruptionException e) {
        assertTrue(e.file().contains(file.getFileName().toString()), "error names " + e.file() + ", expected " + file);
        errors++;
      }
    }
    return errors;
  }

  @Test
  void flippedByteInSstable() throws IOException {
    int n = 3000;
    try (Db db = Db.open(dir, new Options())) {
      for (int i = 0; i < n; i++) {
        db.put(key(i), value(i, 100));
      }
      db.compactRange();
    }
    Path sst = largest(".sst");
    flip(sst, sst.toFile().length() / 3);
    try (Db db = Db.open(dir, new Options())) {
      assertTrue(readAll(db, n, 100, sst) > 0, "no read noticed the damaged block");
      CorruptionException e = assertThrows(CorruptionException.class, () -> {
        try (DbIterator it = db.newIterator()) {
          for (it.seekToFirst(); it.isValid(); it.next()) {
            it.value();
          }
        }
      });
      assertTrue(e.file().endsWith(sst.getFileName().toString()), e.getMessage());
      assertTrue(e.offset() >= 0, "offset is named: " + e.getMessage());
    }
  }

  @Test
  void flippedByteInWalBeforeTheTail() throws IOException {
    try (Db db = Db.open(dir, new Options())) {
      for (int i = 0; i < 200; i++) {
        db.put(key(i), value(i, 50));
      }
    }
    Path wal = largest(".wal");
    flip(wal, 100); // inside an early record, long before the last one
    CorruptionException e = assertThrows(CorruptionException.class, () -> Db.open(dir, new Options()).close());
    assertTrue(e.file().endsWith(wal.getFileName().toString()), e.getMessage());
  }

  @Test
  void flippedByteInManifest() throws IOException {
    try (Db db = Db.open(dir, new Options())) {
      for (int i = 0; i < 100; i++) {
        db.put(key(i), value(i, 50));
      }
      db.flush();
    }
    Path manifest;
    try (Stream<Path> s = Files.list(dir)) {
      manifest = s.filter(p -> p.getFileName().toString().startsWith("MANIFEST-")).findFirst().orElseThrow();
    }
    flip(manifest, 40); // inside the header or snapshot record, before the tail
    CorruptionException e = assertThrows(CorruptionException.class, () -> Db.open(dir, new Options()).close());
    assertTrue(e.file().endsWith(manifest.getFileName().toString()), e.getMessage());
  }

  @Test
  void flippedByteInValueLogSegment() throws IOException {
    int n = 60;
    try (Db db = Db.open(dir, new Options())) {
      for (int i = 0; i < n; i++) {
        db.put(key(i), value(i, 5000));
      }
      db.flush();
    }
    Path vlog = largest(".vlog");
    flip(vlog, vlog.toFile().length() / 2);
    try (Db db = Db.open(dir, new Options())) {
      assertTrue(readAll(db, n, 5000, vlog) > 0, "no read noticed the damaged value-log entry");
    }
  }
}
