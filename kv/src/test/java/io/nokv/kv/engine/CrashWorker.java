package io.nokv.kv.engine;

import io.nokv.kv.Db;
import io.nokv.kv.WriteBatch;
import io.nokv.kv.WriteOptions;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The child process of {@link CrashRecoveryTest}: writes numbered batches with sync=true and
 * prints "ACK n" after each returns, until it is killed. Batch n puts {@link #BATCH_KEYS} keys
 * (some values large enough for the value log) and a marker key, and deletes the keys of batch
 * n - 7, so a half-applied
 * batch, a lost acknowledged write or a resurrected delete are all visible to the checker.
 */
public final class CrashWorker {
  static final int BATCH_KEYS = 5;
  static final int DELETE_LAG = 7;

  private CrashWorker() {}

  /** Written by batch n and never deleted: shows that batch n committed, whatever came later. */
  static byte[] marker(long batch) {
    return String.format("m%08d", batch).getBytes(StandardCharsets.UTF_8);
  }

  static byte[] key(long batch, int i) {
    return String.format("b%08d-%d", batch, i).getBytes(StandardCharsets.UTF_8);
  }

  /** Deterministic value: size varies so some values go to the value log. */
  static byte[] value(long batch, int i) {
    int len = (int) ((batch * 31 + i * 7) % 5 == 0 ? 1500 + batch % 700 : 20 + (batch + i) % 90);
    byte[] v = new byte[len];
    for (int j = 0; j < len; j++) {
      v[j] = (byte) (batch * 131 + i * 17 + j);
    }
    return v;
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    long start = Long.parseLong(args[1]);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    try (Db db = Db.open(dir, CrashRecoveryTest.options())) {
      out.println("OPEN");
      WriteOptions sync = new WriteOptions().setSync(true);
      for (long b = start; ; b++) {
        WriteBatch batch = new WriteBatch();
        for (int i = 0; i < BATCH_KEYS; i++) {
          batch.put(key(b, i), value(b, i));
        }
        batch.put(marker(b), new byte[] {1});
        if (b - DELETE_LAG >= 0) {
          for (int i = 0; i < BATCH_KEYS; i++) {
            batch.delete(key(b - DELETE_LAG, i));
          }
        }
        db.write(sync, batch);
        out.println("ACK " + b);
      }
    }
  }
}
