package io.nokv.bench.txn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The workloads of {@code nokv bench txn}: two raw-engine baselines and two transactional ones. */
enum TxnWorkload {
  RAW_PUT("raw-put", 1, false,
      "one synced Db.put of a random key into a plain Db (default Options): the baseline"),
  RAW_PUT_10("raw-put-10", 10, false,
      "one synced WriteBatch of 10 distinct random keys into the same plain Db: a second baseline"),
  TXN_1("txn-1", 1, true,
      "TxnClient.run over a LocalStore: begin, get, put a new value, commit, on 1 random key"),
  TXN_10("txn-10", 10, true,
      "the same with 10 distinct random keys: 10 gets, 10 puts, one commit");

  /** Every workload, in the default order. */
  static final String ALL = "raw-put,raw-put-10,txn-1,txn-10";

  final String label;
  /** Keys written by one operation: keys/s is this times ops/s. */
  final int keysPerOp;
  /** Whether it runs through the TxnClient (else straight on the engine). */
  final boolean transactional;
  final String description;

  TxnWorkload(String label, int keysPerOp, boolean transactional, String description) {
    this.label = label;
    this.keysPerOp = keysPerOp;
    this.transactional = transactional;
    this.description = description;
  }

  /** The workload called {@code name} (case-insensitive), or null. */
  static TxnWorkload byLabel(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    for (TxnWorkload w : values()) {
      if (w.label.equals(n)) {
        return w;
      }
    }
    return null;
  }

  static List<String> labels() {
    List<String> out = new ArrayList<>();
    for (TxnWorkload w : values()) {
      out.add(w.label);
    }
    return out;
  }

  @Override
  public String toString() {
    return label;
  }
}
