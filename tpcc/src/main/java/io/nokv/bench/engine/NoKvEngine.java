package io.nokv.bench.engine;

import io.nokv.kv.Db;
import io.nokv.kv.DbIterator;
import io.nokv.kv.Options;
import io.nokv.kv.ReadOptions;
import io.nokv.kv.WriteOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/** NoKV through its public API ({@link Db}), configured from {@link BenchSettings}. */
public final class NoKvEngine implements BenchEngine {
  public static final String NAME = "nokv";

  private Db db;
  private Options options;
  private WriteOptions writeOptions;

  @Override
  public String name() {
    return NAME;
  }

  /** The engine options for {@code s}: every shared setting, plus NoKV's value threshold. */
  public static Options options(BenchSettings s) {
    return new Options()
        .setCreateIfMissing(true)
        .setBlockCacheSize(s.cacheSizeBytes())
        .setBloomBitsPerKey(s.bloomBitsPerKey())
        .setCompression(s.compression())
        .setBlockSize(s.blockSize())
        .setWriteBufferSize(s.writeBufferSize())
        .setMaxWriteBufferNumber(s.maxWriteBufferNumber())
        .setLevel0FileNumCompactionTrigger(BenchSettings.L0_COMPACTION_TRIGGER)
        .setLevel0SlowdownWritesTrigger(BenchSettings.L0_SLOWDOWN_TRIGGER)
        .setLevel0StopWritesTrigger(BenchSettings.L0_STOP_TRIGGER)
        .setMaxBytesForLevelBase(BenchSettings.MAX_BYTES_FOR_LEVEL_BASE)
        .setMaxBytesForLevelMultiplier(BenchSettings.LEVEL_SIZE_MULTIPLIER)
        .setTargetFileSizeBase(BenchSettings.TARGET_FILE_SIZE_BASE)
        .setValueThreshold(s.valueThreshold());
  }

  @Override
  public void open(Path dir, BenchSettings settings) {
    options = options(settings);
    writeOptions = new WriteOptions().setSync(settings.sync());
    try {
      db = Db.open(dir, options);
    } catch (RuntimeException e) {
      throw new BenchEngineException(NAME, "open " + dir, e);
    }
  }

  @Override
  public byte[] read(byte[] key) {
    return db.get(key);
  }

  @Override
  public void put(byte[] key, byte[] value) {
    db.put(writeOptions, key, value);
  }

  @Override
  public int scan(byte[] startKey, int count, BiConsumer<byte[], byte[]> sink) {
    int n = 0;
    try (DbIterator it = db.newIterator(new ReadOptions())) {
      for (it.seek(startKey); n < count && it.isValid(); it.next()) {
        sink.accept(it.key(), it.value());
        n++;
      }
    }
    return n;
  }

  @Override
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("options", options == null ? null : options.toString());
    m.put("write_options", writeOptions == null ? null : writeOptions.toString());
    m.put("block_cache", "Caffeine W-TinyLFU, on heap");
    m.put("background_threads", "1 flush + 1 compaction");
    return m;
  }

  @Override
  public String statsReport() {
    return db == null ? "" : db.stats().format();
  }

  @Override
  public void close() {
    if (db != null) {
      db.close();
      db = null;
    }
  }
}
