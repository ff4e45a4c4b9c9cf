package io.nokv.bench.ycsb;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** Counters and the first failure of one phase, shared by its threads and the progress line. */
final class PhaseState {
  final LongAdder done = new LongAdder();
  final LongAdder inserts = new LongAdder();
  final LongAdder notFound = new LongAdder();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  void fail(Throwable t) {
    failure.compareAndSet(null, t);
  }

  boolean failed() {
    return failure.get() != null;
  }

  Throwable failure() {
    return failure.get();
  }
}
