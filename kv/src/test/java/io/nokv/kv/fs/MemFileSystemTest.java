package io.nokv.kv.fs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The shared contract, plus what only the in-memory file system promises. */
class MemFileSystemTest extends FileSystemContract {
  @Override
  FileSystem newFileSystem(Path tmp) {
    return new MemFileSystem();
  }

  private static byte patternAt(long i) {
    return (byte) (i * 131 + (i >>> 9));
  }

  @Test
  void concurrentReadersSeeOnlyAppendedBytesWhileOneWriterAppends() throws Exception {
    long seed = System.nanoTime();
    Path p = root.resolve("000001.wal");
    int total = 4 << 20;
    AtomicBoolean done = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try (WritableFile w = fs.create(p)) {
      List<Future<Long>> readers = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        long readerSeed = seed + t + 1;
        readers.add(
            pool.submit(
                () -> {
                  SplittableRandom rnd = new SplittableRandom(readerSeed);
                  long checks = 0;
                  try (ReadableFile r = fs.openRead(p)) {
                    // Keep checking until the writer is done, then once more over the whole file.
                    boolean last = false;
                    while (!last) {
                      last = done.get();
                      long size = r.size();
                      if (size == 0) {
                        continue;
                      }
                      long pos = rnd.nextLong(size);
                      int len = (int) Math.min(size - pos, 1 + rnd.nextInt(8192));
                      byte[] b = r.readFully(pos, len);
                      for (int i = 0; i < len; i++) {
                        if (b[i] != patternAt(pos + i)) {
                          throw new AssertionError(
                              "byte " + (pos + i) + " wrong (seed " + seed + ")");
                        }
                      }
                      checks++;
                    }
                  }
                  return checks;
                }));
      }
      SplittableRandom rnd = new SplittableRandom(seed);
      byte[] chunk = new byte[70_000];
      long written = 0;
      while (written < total) {
        int len = (int) Math.min(total - written, 1 + rnd.nextInt(chunk.length));
        for (int i = 0; i < len; i++) {
          chunk[i] = patternAt(written + i);
        }
        w.append(chunk, 0, len);
        written += len;
      }
      done.set(true);
      for (Future<Long> f : readers) {
        assertTrue(f.get(20, TimeUnit.SECONDS) > 0, "seed " + seed);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(total, fs.size(p));
  }

  @Test
  void replacedOrDeletedFileStaysReadableThroughAnOpenHandle() throws IOException {
    Path p = root.resolve("000007.sst");
    TestFiles.write(fs, p, "old".getBytes(UTF_8));
    try (ReadableFile r = fs.openRead(p)) {
      TestFiles.write(fs, p, "new!".getBytes(UTF_8));
      assertArrayEquals("old".getBytes(UTF_8), r.readFully(0, 3));
      fs.deleteIfExists(p);
      assertEquals(3, r.size());
    }
    assertFalse(fs.exists(p));
  }

  @Test
  void pathsAreNormalized() throws IOException {
    TestFiles.write(fs, root.resolve("x/../f"), "1".getBytes(UTF_8));
    assertTrue(fs.exists(root.resolve("./f")));
    assertEquals(List.of("f"), fs.list(root.resolve("sub/..")));
  }

  @Test
  void closedHandlesRefuseUse() throws IOException {
    Path p = root.resolve("f");
    WritableFile w = fs.create(p);
    w.close();
    assertThrows(IOException.class, () -> w.append(new byte[1]));
    ReadableFile r = fs.openRead(p);
    r.close();
    assertThrows(IOException.class, () -> r.readFully(0, 0));
  }
}
