package io.nokv.bench.ycsb;

import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Prints a progress line for a running phase every few seconds: operations done of the total,
 * the rate in the last interval and overall. Closing it stops the printing.
 */
final class ProgressReporter implements AutoCloseable {
  private final ScheduledExecutorService timer;

  ProgressReporter(PrintWriter out, String label, String unit, long total, PhaseState state, int intervalSeconds) {
    long start = System.nanoTime();
    long[] last = {0, start};
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "ycsb-progress");
      t.setDaemon(true);
      return t;
    });
    if (intervalSeconds <= 0) {
      return;
    }
    timer.scheduleAtFixedRate(() -> {
      long now = System.nanoTime();
      long done = state.done.sum();
      double recent = (done - last[0]) * 1e9 / Math.max(1, now - last[1]);
      double overall = done * 1e9 / Math.max(1, now - start);
      last[0] = done;
      last[1] = now;
      out.printf("  %s: %,d / %,d %s (%.0f%%), %,.0f/s in the last %d s, %,.0f/s overall, %d s%n",
          label, done, total, unit, 100.0 * done / Math.max(1, total), recent, intervalSeconds, overall,
          TimeUnit.NANOSECONDS.toSeconds(now - start));
      out.flush();
    }, intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
