package io.nokv.txn;

import static io.nokv.txn.TxnTestSupport.asLong;
import static io.nokv.txn.TxnTestSupport.b;
import static io.nokv.txn.TxnTestSupport.ofLong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nokv.txn.rpc.KvPair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The classic bank invariant: threads move money between accounts in transactions while auditors
 * read every balance in one snapshot; every audit must see the same total. Runs with one-phase
 * commit (all keys in one region) and with two-phase commit forced, so both paths are covered.
 * The one-phase run commits at least 10,000 transfers from 4 threads.
 */
class BankTest {
  private static final int ACCOUNTS = 50;
  private static final long INITIAL = 1_000;
  private static final int TRANSFER_THREADS = 4;
  private static final int TRANSFERS = Integer.getInteger("nokv.bank.transfers", 10_000);

  @TempDir Path dir;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void totalIsConstantWithOnePhaseCommit() throws Exception {
    runBank(new TxnClientOptions(), TRANSFERS);
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void totalIsConstantWithTwoPhaseCommit() throws Exception {
    runBank(new TxnClientOptions().setOnePcMaxKeys(0), TRANSFERS / 4);
  }

  private static byte[] account(int i) {
    return b(String.format("acct/%03d", i));
  }

  private void runBank(TxnClientOptions options, int transfers) throws Exception {
    long seed = Long.getLong("nokv.bank.seed", System.nanoTime());
    System.out.println("BankTest seed " + seed + " (-Dnokv.bank.seed=" + seed + "), transfers " + transfers);
    try (TxnClient client = TxnClient.open(dir, options)) {
      client.run(t -> {
        for (int i = 0; i < ACCOUNTS; i++) {
          t.put(account(i), ofLong(INITIAL));
        }
        return null;
      });
      long expected = ACCOUNTS * INITIAL;
      AtomicLong committed = new AtomicLong();
      AtomicLong conflicts = new AtomicLong();
      AtomicLong audits = new AtomicLong();
      AtomicLong violations = new AtomicLong();
      AtomicBoolean done = new AtomicBoolean();
      ExecutorService pool = Executors.newFixedThreadPool(TRANSFER_THREADS + 1);
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < TRANSFER_THREADS; w++) {
        SplittableRandom rnd = new SplittableRandom(seed + w);
        futures.add(
            pool.submit(
                () -> {
                  while (committed.get() < transfers) {
                    int from = rnd.nextInt(ACCOUNTS);
                    int to = rnd.nextInt(ACCOUNTS - 1);
                    if (to >= from) {
                      to++;
                    }
                    long amount = rnd.nextInt(1, 50);
                    try (Txn t = client.begin()) {
                      long a = asLong(t.get(account(from)));
                      long c = asLong(t.get(account(to)));
                      t.put(account(from), ofLong(a - amount));
                      t.put(account(to), ofLong(c + amount));
                      t.commit();
                      committed.incrementAndGet();
                    } catch (WriteConflictException e) {
                      conflicts.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      Future<?> auditor =
          pool.submit(
              () -> {
                while (!done.get()) {
                  audit(client, expected, violations);
                  audits.incrementAndGet();
                }
                return null;
              });
      for (Future<?> f : futures) {
        f.get();
      }
      done.set(true);
      auditor.get();
      pool.shutdown();
      audit(client, expected, violations);
      System.out.printf(
          "BankTest: %d committed, %d conflicts, %d audits, %d violations%n",
          committed.get(), conflicts.get(), audits.get(), violations.get());
      assertEquals(0, violations.get(), "audits that saw a wrong total");
      assertTrue(committed.get() >= transfers, "committed transfers: " + committed.get());
      assertTrue(conflicts.get() < committed.get(), "conflicts should be the exception: " + conflicts.get());
      assertTrue(audits.get() > 0);
    }
  }

  private static void audit(TxnClient client, long expected, AtomicLong violations) {
    try (Txn t = client.begin()) {
      List<KvPair> all = t.scan(b("acct/"), b("acct0"), ACCOUNTS + 1);
      long total = 0;
      for (KvPair p : all) {
        total += asLong(p.value());
      }
      // Point reads in the same snapshot must agree with the scan.
      long pointTotal = 0;
      for (int i = 0; i < ACCOUNTS; i++) {
        pointTotal += asLong(t.get(account(i)));
      }
      if (all.size() != ACCOUNTS || total != expected || pointTotal != expected) {
        violations.incrementAndGet();
        System.out.println("violation: " + all.size() + " accounts, scan total " + total + ", point total " + pointTotal);
      }
    }
  }
}
