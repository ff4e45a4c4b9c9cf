package io.nokv.bench.jmh;

import io.nokv.kv.Db;
import io.nokv.kv.DbIterator;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Iterator scan: seek to a random key, then read {@code scanLength} entries (key and value) with
 * {@code next}, over SSTables with a warm block cache. One operation is one whole scan.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class IteratorScanBenchmark {
  @Param({"100000"})
  public long keys;

  @Param({"100"})
  public int valueSize;

  @Param({"100"})
  public int scanLength;

  private Path dir;
  private Db db;

  @Setup(Level.Trial)
  public void load() {
    dir = BenchDbs.tempDir("nokv-jmh-scan-");
    db = BenchDbs.sstOnly(dir, keys, valueSize, 256L << 20);
    try (DbIterator it = db.newIterator()) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        it.value();
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

  /** Each benchmark thread draws its own start keys. */
  @State(Scope.Thread)
  public static class Starts {
    final SplittableRandom random = new SplittableRandom(42);
  }

  @Benchmark
  public int scan(Starts s, Blackhole bh) {
    int n = 0;
    try (DbIterator it = db.newIterator()) {
      for (it.seek(BenchDbs.key(s.random.nextLong(keys))); n < scanLength && it.isValid(); it.next()) {
        bh.consume(it.key());
        bh.consume(it.value());
        n++;
      }
    }
    return n;
  }
}
