package io.nokv.bench.ycsb;

import io.nokv.bench.engine.BenchSettings;
import java.nio.file.Path;
import java.util.List;

/**
 * One YCSB benchmark invocation, validated.
 *
 * @param engines engine names, run one after the other, in this order in odd runs and in the reverse
 *     order in even runs (see {@link #engineOrder(int)})
 * @param workloads workload names (a-f), run in this order
 * @param records records loaded before the workloads
 * @param operations operations per workload
 * @param threads client threads
 * @param fieldCount fields per record
 * @param fieldLength bytes per field
 * @param distribution request distribution for every workload, or null for each workload's standard one
 * @param dir data directory root, or null for a temporary one deleted afterwards
 * @param settings engine settings shared by all engines
 * @param warmupOps unmeasured operations before each workload
 * @param runs repetitions of the whole sequence (load and workloads), each in a fresh directory
 * @param progressSeconds seconds between progress lines; 0 for none
 * @param printStats whether to print each engine's statistics after its run
 */
record YcsbConfig(
    List<String> engines,
    List<String> workloads,
    long records,
    long operations,
    int threads,
    int fieldCount,
    int fieldLength,
    String distribution,
    Path dir,
    BenchSettings settings,
    long warmupOps,
    int runs,
    int progressSeconds,
    boolean printStats) {

  /**
   * The engines in the order run {@code run} (1-based) runs them: as given in odd runs, reversed in
   * even runs. Alternating means a machine that slowly speeds up or slows down over a long benchmark
   * (thermal throttling, a neighbour's load, a filling page cache) does not always favour the engine
   * that runs first.
   */
  List<String> engineOrder(int run) {
    return run % 2 == 1 ? engines : engines.reversed();
  }

  String distributionFor(String workload) {
    return distribution != null ? distribution : YcsbWorkloads.standardDistribution(workload);
  }

  /** The encoded size of one record (see {@link RecordCodec}). */
  int recordBytes() {
    java.util.Map<String, site.ycsb.ByteIterator> sample = new java.util.HashMap<>();
    for (int i = 0; i < fieldCount; i++) {
      sample.put("field" + i, new site.ycsb.ByteArrayByteIterator(new byte[fieldLength]));
    }
    return RecordCodec.encode(sample).length;
  }
}
