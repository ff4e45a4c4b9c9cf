package io.nokv.kv.sstable;

import static io.nokv.kv.sstable.TableFiles.put;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nokv.kv.cache.BlockCache;
import io.nokv.kv.iterator.InternalIterator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a {@link TableReader} reads data blocks through the {@link BlockCache}. */
class TableCacheUseTest {
  @TempDir Path dir;
  private Path file;
  private NavigableMap<byte[], byte[]> model;

  @BeforeEach
  void setUp() throws Exception {
    file = dir.resolve("000009.sst");
    model = TableFiles.newModel();
    for (int i = 0; i < 2000; i++) {
      model.put(put(String.format("key%05d", i), 3), ("v" + i).repeat(10).getBytes());
    }
    TableFiles.write(file, TableOptions.DEFAULT, model);
  }

  @Test
  void getsHitTheCacheAfterTheFirstRead() throws Exception {
    BlockCache cache = new BlockCache(8 << 20);
    try (TableReader r = TableFiles.open(file, 9, cache)) {
      byte[] k = put("key01000", 3);
      r.get(k, true);
      assertEquals(0, cache.hits());
      assertEquals(1, cache.misses());
      r.get(k, true);
      r.get(put("key01001", 3), true); // same block
      assertEquals(2, cache.hits());
      assertEquals(1, cache.misses());
      assertEquals(1, cache.blockCount());
    }
  }

  @Test
  void fillCacheFalseUsesButDoesNotFillTheCache() throws Exception {
    BlockCache cache = new BlockCache(8 << 20);
    try (TableReader r = TableFiles.open(file, 9, cache)) {
      byte[] k = put("key00500", 3);
      r.get(k, false);
      r.get(k, false);
      assertEquals(0, cache.hits());
      assertEquals(2, cache.misses());
      assertEquals(0, cache.blockCount());

      r.get(k, true);
      r.get(k, false);
      assertEquals(1, cache.hits());

      try (InternalIterator it = r.iterator(false)) {
        int n = 0;
        for (it.seekToFirst(); it.isValid(); it.next()) {
          n++;
        }
        assertEquals(model.size(), n);
      }
      assertEquals(1, cache.blockCount(), "a scan without fillCache leaves the cache as it was");
      int blocks = r.dataBlockHandles().size();
      try (InternalIterator it = r.iterator(true)) {
        for (it.seekToFirst(); it.isValid(); it.next()) {
          // fill
        }
      }
      assertEquals(blocks, cache.blockCount());
    }
  }

  @Test
  void readersOfDifferentFilesDoNotShareBlocks() throws Exception {
    BlockCache cache = new BlockCache(8 << 20);
    try (TableReader a = TableFiles.open(file, 9, cache);
        TableReader b = TableFiles.open(file, 10, cache)) {
      byte[] k = put("key00001", 3);
      a.get(k, true);
      b.get(k, true);
      assertEquals(2, cache.misses());
      assertEquals(2, cache.blockCount());
    }
  }

  @Test
  void concurrentGetsAndScansSeeTheSameData() throws Throwable {
    BlockCache cache = new BlockCache(64 << 10); // smaller than the table: constant eviction
    List<byte[]> keys = new ArrayList<>(model.keySet());
    try (TableReader r = TableFiles.open(file, 9, cache);
        ExecutorService pool = Executors.newFixedThreadPool(4)) {
      Seeded.run(
          rnd -> {
            List<Future<?>> tasks = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
              SplittableRandom mine = rnd.split();
              boolean scanner = t == 0;
              tasks.add(
                  pool.submit(
                      () -> {
                        if (scanner) {
                          try (InternalIterator it = r.iterator(true)) {
                            it.seekToFirst();
                            for (Map.Entry<byte[], byte[]> e : model.entrySet()) {
                              assertArrayEquals(e.getKey(), it.key());
                              assertArrayEquals(e.getValue(), it.value());
                              it.next();
                            }
                          }
                        } else {
                          for (int i = 0; i < 5000; i++) {
                            byte[] k = keys.get(mine.nextInt(keys.size()));
                            assertArrayEquals(model.get(k), r.get(k, true).value());
                          }
                        }
                        return null;
                      }));
            }
            for (Future<?> f : tasks) {
              f.get();
            }
          });
    }
    assertTrue(cache.hits() > 0);
    cache.cleanUp();
    assertTrue(cache.bytes() <= 64 << 10);
  }
}
