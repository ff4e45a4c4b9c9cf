package io.nokv.bench.jmh;

import io.nokv.kv.Db;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Point get of a random existing key from SSTables (nothing in the memtable):
 *
 * <ul>
 *   <li>{@code cache=cached}: a block cache larger than the data, warmed by reading every key
 *       once, so a get is filter + index + cached block search;
 *   <li>{@code cache=uncached}: block cache off, so every get reads and decodes its blocks from
 *       the file (the OS page cache serves them: this measures the engine's read path, not the
 *       device).
 * </ul>
 *
 * Values of 100 bytes stay in the LSM tree; {@code -p valueSize=4096} puts them in the value log.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class PointGetBenchmark {
  @Param({"cached", "uncached"})
  public String cache;

  @Param({"100000"})
  public long keys;

  @Param({"100"})
  public int valueSize;

  private Path dir;
  private Db db;

  @Setup(Level.Trial)
  public void load() {
    dir = BenchDbs.tempDir("nokv-jmh-get-");
    boolean cached = cache.equals("cached");
    db = BenchDbs.sstOnly(dir, keys, valueSize, cached ? 256L << 20 : 0);
    if (cached) {
      for (long i = 0; i < keys; i++) {
        db.get(BenchDbs.key(i));
      }
    }
  }

  @TearDown(Level.Trial)
  public void close() {
    if (db != null) {
      db.close();
    }
    BenchDbs.delete(dir);
  }

  /** Each benchmark thread draws its own keys. */
  @State(Scope.Thread)
  public static class Keys {
    final SplittableRandom random = new SplittableRandom(42);
  }

  @Benchmark
  public byte[] get(Keys k) {
    byte[] v = db.get(BenchDbs.key(k.random.nextLong(keys)));
    if (v == null) {
      throw new IllegalStateException("a loaded key is missing");
    }
    return v;
  }
}
