package io.nokv.kv.sstable;

import java.util.SplittableRandom;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * Runs a randomized test body with a fresh seed (or {@code -Dnokv.seed=...}) and names the seed
 * when it fails, so the failure can be replayed.
 */
final class Seeded {
  private Seeded() {}

  static void run(ThrowingConsumer<SplittableRandom> body) throws Throwable {
    long seed = Long.getLong("nokv.seed", new SplittableRandom().nextLong());
    try {
      body.accept(new SplittableRandom(seed));
    } catch (Throwable t) {
      System.err.println("Randomized test failed; replay with -Dnokv.seed=" + seed);
      t.addSuppressed(
          new AssertionError("seed " + seed + " (replay with -Dnokv.seed=" + seed + ")"));
      throw t;
    }
  }
}
