package io.nokv.bench.ycsb;

import org.HdrHistogram.Histogram;

/**
 * One benchmark thread's latency histograms (nanoseconds, 3 significant digits, auto-resizing):
 * one over every operation as the driver loop timed it, one per {@link OpType} as the binding
 * timed it. Owned by a single thread; merged after the phase.
 */
final class ThreadLatencies {
  final Histogram overall = newHistogram();
  private final Histogram[] byOp = new Histogram[OpType.values().length];

  ThreadLatencies() {
    for (int i = 0; i < byOp.length; i++) {
      byOp[i] = newHistogram();
    }
  }

  static Histogram newHistogram() {
    return new Histogram(3);
  }

  void record(OpType op, long nanos) {
    byOp[op.ordinal()].recordValue(Math.max(0, nanos));
  }

  Histogram of(OpType op) {
    return byOp[op.ordinal()];
  }
}
