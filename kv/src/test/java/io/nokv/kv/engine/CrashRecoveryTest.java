package io.nokv.kv.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.nokv.kv.Db;
import io.nokv.kv.Options;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writing child JVM with SIGKILL at random moments and checks, after each reopen, that
 * every batch acknowledged with sync=true is fully present (and its delayed deletes applied), and
 * that no batch is half there. {@code -Dnokv.crash.cycles=N} runs more cycles (the {@code soak}
 * profile sets 200).
 */
class CrashRecoveryTest {
  @TempDir Path tmp;

  /** Small buffers so the child flushes and compacts while it writes. */
  static Options options() {
    return new Options()
        .setWriteBufferSize(128 << 10)
        .setTargetFileSizeBase(64 << 10)
        .setMaxBytesForLevelBase(256 << 10)
        .setLevel0FileNumCompactionTrigger(2)
        .setValueThreshold(1024)
        .setValueLogGcDiscardRatio(0.2);
  }

  @Test
  void acknowledgedSyncWritesSurviveSigkill() throws Exception {
    int cycles = Integer.getInteger("nokv.crash.cycles", 20);
    long seed = Long.getLong("nokv.crash.seed", System.nanoTime());
    SplittableRandom rnd = new SplittableRandom(seed);
    Path dir = tmp.resolve("db");
    long next = 0;
    long totalAcked = 0;
    try {
      for (int c = 0; c < cycles; c++) {
        long lastAck = runAndKill(dir, next, 20 + rnd.nextInt(400));
        long verifiedUpTo = verify(dir, lastAck);
        totalAcked += Math.max(0, lastAck - next + 1);
        next = verifiedUpTo + 1;
      }
    } catch (Throwable t) {
      throw new AssertionError("crash test failed with seed " + seed + " (-Dnokv.crash.seed=" + seed + "): " + t, t);
    }
    assertTrue(totalAcked > cycles, "the child acknowledged too few writes to mean anything: " + totalAcked);
  }

  /** Starts the child at batch {@code start}, kills it after {@code killAfterMs}; returns the last ACK seen (-1 if none). */
  private static long runAndKill(Path dir, long start, int killAfterMs) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
        "-Xmx256m", CrashWorker.class.getName(), dir.toString(), Long.toString(start)));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    AtomicLong lastAck = new AtomicLong(start - 1);
    AtomicLong opened = new AtomicLong(0);
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          if (line.startsWith("ACK ")) {
            lastAck.set(Long.parseLong(line.substring(4)));
          } else if (line.equals("OPEN")) {
            opened.set(System.nanoTime());
          }
        }
      } catch (java.io.IOException e) {
        // the child was killed: its stdout closes
      }
    });
    reader.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (opened.get() == 0) {
      if (!p.isAlive()) {
        fail("crash worker exited before opening the database, exit code " + p.exitValue());
      }
      if (System.nanoTime() > deadline) {
        p.destroyForcibly();
        fail("crash worker did not open the database within 60 s");
      }
      Thread.onSpinWait();
      reader.join(1);
    }
    long killAt = opened.get() + TimeUnit.MILLISECONDS.toNanos(killAfterMs);
    while (System.nanoTime() < killAt && p.isAlive()) {
      reader.join(1);
    }
    p.destroyForcibly(); // SIGKILL on Linux
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "child did not die");
    reader.join(TimeUnit.SECONDS.toMillis(30));
    return lastAck.get();
  }

  /**
   * Checks the reopened database: all batches up to {@code lastAck} are present (or deleted by a
   * later acknowledged batch); beyond it, at most one more batch may be (it was written but the
   * ACK was not read), and only whole. Returns the highest batch present.
   */
  private static long verify(Path dir, long lastAck) {
    try (Db db = Db.open(dir, options())) {
      // Batches past the last ACK the parent read may have committed (the child runs ahead of the
      // pipe): they must form a prefix of whole batches.
      long highest = lastAck;
      while (true) {
        int present = countPresent(db, highest + 1);
        assertTrue(present == 0 || present == CrashWorker.BATCH_KEYS,
            "batch " + (highest + 1) + " is half applied: " + present + " keys");
        if (present == 0) {
          break;
        }
        highest++;
      }
      for (long b = 0; b <= highest; b++) {
        boolean deletedLater = b + CrashWorker.DELETE_LAG <= highest;
        for (int i = 0; i < CrashWorker.BATCH_KEYS; i++) {
          byte[] got = db.get(CrashWorker.key(b, i));
          if (deletedLater) {
            assertNull(got, "batch " + b + " key " + i + " should have been deleted by batch " + (b + CrashWorker.DELETE_LAG));
          } else if (!java.util.Arrays.equals(CrashWorker.value(b, i), got)) {
            fail("acknowledged batch " + b + " key " + i + " lost or wrong (last ACK " + lastAck + ", highest " + highest
                + ")\n" + diagnose(db, dir, CrashWorker.key(b, i)));
          }
        }
      }
      for (long b = highest + 1; b <= highest + 5; b++) {
        assertEquals(0, countPresent(db, b), "batch " + b + " exists after the missing batch " + (highest + 1));
      }
      return highest;
    }
  }

  private static String diagnose(Db db, Path dir, byte[] key) {
    StringBuilder sb = new StringBuilder();
    try (io.nokv.kv.DbIterator it = db.newIterator()) {
      it.seek(key);
      sb.append("iterator at ").append(it.isValid() ? new String(it.key(), StandardCharsets.UTF_8) : "end").append('\n');
      it.seekToLast();
      sb.append("last key ").append(it.isValid() ? new String(it.key(), StandardCharsets.UTF_8) : "none").append('\n');
    }
    sb.append("latest sequence ").append(db.latestSequence()).append('\n').append(db.stats().format());
    try (var files = java.nio.file.Files.list(dir)) {
      files.sorted().forEach(f -> sb.append(f.getFileName()).append(' ').append(f.toFile().length()).append('\n'));
    } catch (java.io.IOException e) {
      sb.append(e);
    }
    return sb.toString();
  }

  private static int countPresent(Db db, long batch) {
    int n = 0;
    for (int i = 0; i < CrashWorker.BATCH_KEYS; i++) {
      if (db.get(CrashWorker.key(batch, i)) != null) {
        n++;
      }
    }
    return n;
  }
}
