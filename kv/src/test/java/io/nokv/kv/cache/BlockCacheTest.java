package io.nokv.kv.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nokv.kv.format.InternalKey;
import io.nokv.kv.format.ValueType;
import io.nokv.kv.sstable.Block;
import io.nokv.kv.sstable.BlockBuilder;
import org.junit.jupiter.api.Test;

class BlockCacheTest {

  private static Block block(int valueBytes) {
    BlockBuilder b = new BlockBuilder(16, 64);
    b.add(InternalKey.encode(new byte[] {'k'}, 1, ValueType.VALUE), new byte[valueBytes]);
    byte[] data = b.finishToArray();
    return Block.parse(data, data.length, "t.sst", 0);
  }

  @Test
  void countsHitsAndMisses() {
    BlockCache cache = new BlockCache(1 << 20);
    assertEquals(0.0, cache.hitRatio());
    assertNull(cache.getIfPresent(1, 0));
    Block b = block(100);
    cache.put(1, 0, b);
    assertSame(b, cache.getIfPresent(1, 0));
    assertSame(b, cache.getIfPresent(1, 0));
    assertNull(cache.getIfPresent(2, 0), "another file, same offset");
    assertNull(cache.getIfPresent(1, 4096), "same file, another offset");
    assertEquals(2, cache.hits());
    assertEquals(3, cache.misses());
    assertEquals(0.4, cache.hitRatio(), 1e-9);
    assertEquals(b.weight(), cache.bytes());
  }

  @Test
  void staysWithinItsCapacity() {
    BlockCache cache = new BlockCache(100_000);
    for (int i = 0; i < 1000; i++) {
      cache.put(7, i * 4096L, block(4000));
    }
    cache.cleanUp();
    assertTrue(cache.bytes() <= 100_000, "bytes " + cache.bytes());
    assertTrue(cache.bytes() > 50_000, "bytes " + cache.bytes());
  }

  @Test
  void evictsTheBlocksOfOneFile() {
    BlockCache cache = new BlockCache(1 << 20);
    for (int i = 0; i < 10; i++) {
      cache.put(1, i, block(10));
      cache.put(2, i, block(10));
    }
    cache.evictFile(1);
    assertNull(cache.getIfPresent(1, 3));
    assertTrue(cache.getIfPresent(2, 3) != null);
    assertEquals(10, cache.blockCount());
  }

  @Test
  void rejectsANegativeCapacity() {
    assertThrows(IllegalArgumentException.class, () -> new BlockCache(-1));
  }
}
