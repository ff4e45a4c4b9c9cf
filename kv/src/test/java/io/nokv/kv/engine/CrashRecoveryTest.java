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
        HISTORY.append("cycle ").append(c).append(": started at ").append(next).append(", last ACK ").append(lastAck).append('\n');
        long verifiedUpTo = verify(dir, lastAck);
        HISTORY.append("  verified up to ").append(verifiedUpTo).append('\n');
        totalAcked += Math.max(0, lastAck - next + 1);
        next = verifiedUpTo + 1;
      }
    } catch (Throwable t) {
      Path keep = Path.of(System.getProperty("java.io.tmpdir"), "nokv-crash-failure-" + seed);
      copyTree(dir, keep);
      throw new AssertionError("crash test failed (database copied to " + keep + ")\n" + HISTORY + "seed " + seed + " (-Dnokv.crash.seed=" + seed + "): " + t, t);
    }
    assertTrue(totalAcked > cycles, "the child acknowledged too few writes to mean anything: " + totalAcked);
  }

  private static final StringBuilder HISTORY = new StringBuilder();

  private static void copyTree(Path from, Path to) {
    try (var files = java.nio.file.Files.list(from)) {
      java.nio.file.Files.createDirectories(to);
      for (Path f : files.toList()) {
        java.nio.file.Files.copy(f, to.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (java.io.IOException e) {
      System.err.println("could not keep the failed database: " + e);
    }
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
   * Checks the reopened database: every batch up to {@code lastAck} committed (its marker is there),
   * so did any run of batches right after it (the parent had not read their ACKs yet), nothing
   * after that; each batch's keys are all there, or all deleted by the batch 7 later. Returns the
   * highest committed batch.
   */
  private static long verify(Path dir, long lastAck) {
    try (Db db = Db.open(dir, options())) {
      // Batches past the last ACK the parent read may have committed (the child's output runs
      // ahead of the pipe); their markers show it.
      long highest = lastAck;
      while (db.get(CrashWorker.marker(highest + 1)) != null) {
        highest++;
      }
      for (long b = highest + 1; b <= highest + 5; b++) {
        assertNull(db.get(CrashWorker.marker(b)), "batch " + b + " committed after the missing batch " + (highest + 1));
        assertEquals(0, countPresent(db, b), "batch " + b + " is partly there after the missing batch " + (highest + 1));
      }
      for (long b = 0; b <= highest; b++) {
        if (db.get(CrashWorker.marker(b)) == null) {
          fail("batch " + b + " (acknowledged or followed by committed batches up to " + highest + ") is missing its marker\n"
              + diagnose(db, dir, CrashWorker.marker(b)));
        }
        boolean deletedLater = b + CrashWorker.DELETE_LAG <= highest;
        for (int i = 0; i < CrashWorker.BATCH_KEYS; i++) {
          byte[] got = db.get(CrashWorker.key(b, i));
          if (deletedLater) {
            assertNull(got, "batch " + b + " key " + i + " should have been deleted by batch " + (b + CrashWorker.DELETE_LAG));
          } else if (!java.util.Arrays.equals(CrashWorker.value(b, i), got)) {
            fail("batch " + b + " key " + i + " lost or wrong (last ACK " + lastAck + ", highest " + highest
                + ")\n" + diagnose(db, dir, CrashWorker.key(b, i)));
          }
        }
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
