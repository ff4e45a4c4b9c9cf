package io.nokv.bench.ycsb;

/** The operations the YCSB core workload issues against a binding. */
enum OpType {
  READ,
  UPDATE,
  INSERT,
  SCAN
}
