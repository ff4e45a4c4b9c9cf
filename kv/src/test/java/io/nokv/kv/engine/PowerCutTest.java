package io.nokv.kv.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nokv.kv.Db;
import io.nokv.kv.Options;
import io.nokv.kv.WriteBatch;
import io.nokv.kv.WriteOptions;
import io.nokv.kv.fs.FaultInjectingFileSystem;
import io.nokv.kv.fs.MemFileSystem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Simulates power cuts: the fault-injecting file system drops (or garbles) every byte that was not
 * fsynced and every directory entry that was not synced, at a random moment of a random workload
 * with flushes, compactions and value-log GC. After each cut the database must open, hold every
 * batch acknowledged with sync=true, and hold each other batch whole or not at all. Unlike the
 * SIGKILL test this catches a missing fsync.
 */
class PowerCutTest {
  private static byte[] key(int batch, int i) {
    return String.format("p%06d-%d", batch, i).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] value(int batch, int i) {
    int len = (batch + i) % 4 == 0 ? 2000 : 30;
    byte[] v = new byte[len];
    for (int j = 0; j < len; j++) {
      v[j] = (byte) (batch * 13 + i + j);
    }
    return v;
  }

  @Test
  void syncedBatchesSurvivePowerCuts() throws Exception {
    long seed = Long.getLong("nokv.powercut.seed", System.nanoTime());
    try {
      run(seed, Integer.getInteger("nokv.powercut.cycles", 30));
    } catch (Throwable t) {
      throw new AssertionError("power-cut test failed with seed " + seed + " (-Dnokv.powercut.seed=" + seed + "): " + t, t);
    }
  }

  private enum State { MUST_EXIST, MUST_BE_ABSENT, UNKNOWN }

  private void run(long seed, int cycles) throws Exception {
    SplittableRandom rnd = new SplittableRandom(seed);
    MemFileSystem mem = new MemFileSystem();
    Path dir = Path.of("/powercut/db");
    mem.createDirectories(dir.getParent());
    List<State> states = new ArrayList<>();
    for (int c = 0; c < cycles; c++) {
      FaultInjectingFileSystem fs = new FaultInjectingFileSystem(mem, rnd.nextLong());
      Options o = DbModelTest.smallOptions().setFileSystem(fs);
      Db db = Db.open(dir, o);
      verify(db, states);
      int firstOfCycle = states.size();
      int lastSynced = -1;
      int ops = 1 + rnd.nextInt(120);
      for (int i = 0; i < ops; i++) {
        int r = rnd.nextInt(100);
        if (r < 90) {
          boolean sync = rnd.nextInt(3) == 0;
          int n = states.size();
          WriteBatch b = new WriteBatch();
          for (int k = 0; k < 3; k++) {
            b.put(key(n, k), value(n, k));
          }
          db.write(new WriteOptions().setSync(sync), b);
          states.add(State.UNKNOWN);
          if (sync) {
            lastSynced = n;
          }
        } else if (r < 95) {
          db.flush();
          lastSynced = states.size() - 1; // a flush makes everything before it durable
        } else if (r < 98) {
          db.compactRange();
          lastSynced = states.size() - 1;
        } else {
          db.runValueLogGc(0.2);
        }
      }
      // A synced write forces the WAL up to it: it and everything before it in this run survive.
      for (int b = firstOfCycle; b <= lastSynced; b++) {
        states.set(b, State.MUST_EXIST);
      }
      fs.simulateCrash(rnd.nextBoolean());
      // The crashed instance is a dead process: nothing it does from now on may reach the disk.
      for (FaultInjectingFileSystem.OpKind kind : FaultInjectingFileSystem.OpKind.values()) {
        fs.failNextOperations(p -> true, kind, Integer.MAX_VALUE);
      }
      try {
        db.close();
      } catch (RuntimeException expected) {
        // the files under it vanished: closing may fail, it must only stop its threads
      }
    }
    try (Db db = Db.open(dir, DbModelTest.smallOptions().setFileSystem(mem))) {
      verify(db, states);
    }
  }

  /** Checks each batch against its state; unknown ones become whatever is observed (whole or absent). */
  private static void verify(Db db, List<State> states) {
    for (int b = 0; b < states.size(); b++) {
      int present = 0;
      for (int k = 0; k < 3; k++) {
        byte[] v = db.get(key(b, k));
        if (v != null) {
          assertArrayEquals(value(b, k), v, "batch " + b + " key " + k + " has a wrong value");
          present++;
        }
      }
      assertTrue(present == 0 || present == 3, "batch " + b + " is half applied (" + present + " of 3 keys)");
      switch (states.get(b)) {
        case MUST_EXIST -> assertTrue(present == 3, "batch " + b + " was durable (synced or flushed) but is lost");
        case MUST_BE_ABSENT -> assertTrue(present == 0, "batch " + b + " was lost before and came back");
        case UNKNOWN -> states.set(b, present == 3 ? State.MUST_EXIST : State.MUST_BE_ABSENT);
      }
    }
  }
}
