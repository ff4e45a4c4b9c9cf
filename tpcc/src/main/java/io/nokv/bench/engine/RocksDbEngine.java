package io.nokv.bench.engine;

import io.nokv.kv.Compression;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.CompactionStyle;
import org.rocksdb.CompressionType;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.RocksObject;
import org.rocksdb.WriteOptions;

/**
 * RocksDB through its JNI binding, configured like {@link NoKvEngine}: an {@link LRUCache} of the
 * same size, a full bloom filter of the same bits per key, the same block size and compression on
 * every level, the same memtable size and count, leveled compaction with the same shape, WAL on and
 * the same sync mode. Everything else is RocksDB's default (among them: 2 background jobs; index
 * and filter blocks held outside the block cache).
 */
public final class RocksDbEngine implements BenchEngine {
  public static final String NAME = "rocksdb";

  private final List<RocksObject> owned = new ArrayList<>();
  private RocksDB db;
  private Options options;
  private WriteOptions writeOptions;
  private ReadOptions readOptions;
  private BenchSettings settings;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void open(Path dir, BenchSettings s) {
    settings = s;
    try {
      RocksDB.loadLibrary();
      LRUCache cache = own(new LRUCache(s.cacheSizeBytes()));
      BlockBasedTableConfig table = new BlockBasedTableConfig()
          .setBlockCache(cache)
          .setBlockSize(s.blockSize());
      if (s.bloomBitsPerKey() > 0) {
        table.setFilterPolicy(own(new BloomFilter(s.bloomBitsPerKey(), false)));
      }
      options = own(new Options())
          .setCreateIfMissing(true)
          .setTableFormatConfig(table)
          .setCompressionType(compression(s.compression()))
          .setWriteBufferSize(s.writeBufferSize())
          .setMaxWriteBufferNumber(s.maxWriteBufferNumber())
          .setCompactionStyle(CompactionStyle.LEVEL)
          .setLevel0FileNumCompactionTrigger(BenchSettings.L0_COMPACTION_TRIGGER)
          .setLevel0SlowdownWritesTrigger(BenchSettings.L0_SLOWDOWN_TRIGGER)
          .setLevel0StopWritesTrigger(BenchSettings.L0_STOP_TRIGGER)
          .setMaxBytesForLevelBase(BenchSettings.MAX_BYTES_FOR_LEVEL_BASE)
          .setMaxBytesForLevelMultiplier(BenchSettings.LEVEL_SIZE_MULTIPLIER)
          .setTargetFileSizeBase(BenchSettings.TARGET_FILE_SIZE_BASE);
      writeOptions = own(new WriteOptions()).setSync(s.sync());
      readOptions = own(new ReadOptions());
      db = RocksDB.open(options, dir.toString());
    } catch (RocksDBException | RuntimeException | UnsatisfiedLinkError e) {
      close();
      throw new BenchEngineException(NAME, "open " + dir, e);
    }
  }

  private <T extends RocksObject> T own(T o) {
    owned.add(o);
    return o;
  }

  static CompressionType compression(Compression c) {
    return switch (c) {
      case NONE -> CompressionType.NO_COMPRESSION;
      case LZ4 -> CompressionType.LZ4_COMPRESSION;
      case ZSTD -> CompressionType.ZSTD_COMPRESSION;
    };
  }

  @Override
  public byte[] read(byte[] key) {
    try {
      return db.get(readOptions, key);
    } catch (RocksDBException e) {
      throw new BenchEngineException(NAME, "get", e);
    }
  }

  @Override
  public void put(byte[] key, byte[] value) {
    try {
      db.put(writeOptions, key, value);
    } catch (RocksDBException e) {
      throw new BenchEngineException(NAME, "put", e);
    }
  }

  @Override
  public int scan(byte[] startKey, int count, BiConsumer<byte[], byte[]> sink) {
    int n = 0;
    try (RocksIterator it = db.newIterator(readOptions)) {
      for (it.seek(startKey); n < count && it.isValid(); it.next()) {
        sink.accept(it.key(), it.value());
        n++;
      }
      it.status();
    } catch (RocksDBException e) {
      throw new BenchEngineException(NAME, "scan", e);
    }
    return n;
  }

  @Override
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", RocksDB.rocksdbVersion().toString());
    m.put("block_cache", "LRUCache " + (settings == null ? "?" : settings.cacheSizeBytes()) + " bytes, off heap");
    m.put("filter", settings == null || settings.bloomBitsPerKey() == 0 ? "none" : "BloomFilter(" + settings.bloomBitsPerKey() + ", full)");
    m.put("compression_type", options == null ? null : options.compressionType().name());
    m.put("max_background_jobs", options == null ? null : options.maxBackgroundJobs());
    m.put("cache_index_and_filter_blocks", false);
    m.put("write_options", writeOptions == null ? null : "sync=" + writeOptions.sync() + ", disableWAL=" + writeOptions.disableWAL());
    return m;
  }

  @Override
  public String statsReport() {
    try {
      return db == null ? "" : db.getProperty("rocksdb.stats");
    } catch (RocksDBException e) {
      throw new BenchEngineException(NAME, "getProperty(rocksdb.stats)", e);
    }
  }

  @Override
  public void close() {
    if (db != null) {
      db.close();
      db = null;
    }
    for (int i = owned.size() - 1; i >= 0; i--) {
      owned.get(i).close();
    }
    owned.clear();
  }
}
