package io.nokv.bench.jmh;

import io.nokv.kv.Db;
import io.nokv.kv.Options;
import io.nokv.kv.WriteOptions;
import java.nio.file.Path;
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
 * Put into the memtable: WAL off and no sync, so a put is the write path minus the log (key
 * encoding, sequence assignment, skiplist insert). Keys arrive in a scrambled order, as in a real
 * workload. A fresh database per iteration; with the default 64 MiB write buffer a 2 s iteration
 * may switch memtables and flush in the background, as a steady write load does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class MemtableInsertBenchmark {
  @Param({"100"})
  public int valueSize;

  private Path dir;
  private Db db;
  private WriteOptions writeOptions;
  private byte[] value;
  private long counter;

  @Setup(Level.Iteration)
  public void open() {
    dir = BenchDbs.tempDir("nokv-jmh-memtable-");
    db = Db.open(dir, new Options());
    writeOptions = new WriteOptions().setSync(false).setDisableWal(true);
    value = BenchDbs.value(1, valueSize);
  }

  @TearDown(Level.Iteration)
  public void close() {
    if (db != null) {
      db.close();
    }
    BenchDbs.delete(dir);
  }

  @Benchmark
  public void put() {
    // A multiplicative hash scrambles the order while keeping keys distinct.
    long n = (counter++ * 0x9E3779B97F4A7C15L) >>> 24;
    db.put(writeOptions, BenchDbs.key(n), value);
  }
}
