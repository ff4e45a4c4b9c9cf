package io.nokv.bench.sql;

import java.util.Arrays;
import java.util.List;

/**
 * A database {@code nokv bench sql} measures, how it is started and how durable its commits are.
 * Each runs as its own process (never inside the benchmark's JVM), on loopback, with a fresh data
 * directory per run, and only while it is measured.
 */
enum SqlTarget {
  NOKV("nokv", "NoKV",
      "./nokv server --dir TMP --sql-port 0 --resp-port -1 as a child process (NOKV_NO_BUILD=1), jdbc:nokv://HOST:PORT"
          + " (driver io.nokv.jdbc.NokvDriver, Avatica protobuf over HTTP)",
      "durable: an autocommit statement is one Percolator transaction whose commit is a synced WAL write"
          + " (the server's defaults)"),
  H2("h2", "H2",
      "org.h2.tools.Server -tcp in a child JVM (this JDK, the h2 jar), file database in a temporary"
          + " -baseDir, jdbc:h2:tcp://127.0.0.1:PORT/./bench",
      "NOT durable per commit: H2's MVStore does not fsync at commit, it writes committed changes in"
          + " the background (a crash of the OS or a power loss can lose the last commits)"),
  POSTGRES("postgres", "PostgreSQL",
      "scripts/peers.sh start-postgres --port PORT --dir TMP (initdb, pg_ctl; stopped with stop-postgres),"
          + " jdbc:postgresql://127.0.0.1:PORT/nokv",
      "durable: fsync=on, synchronous_commit=on, full_page_writes=on: every commit waits for its WAL"
          + " flush (concurrent commits share flushes)");

  final String label;
  final String product;
  final String howStarted;
  final String durability;

  SqlTarget(String label, String product, String howStarted, String durability) {
    this.label = label;
    this.product = product;
    this.howStarted = howStarted;
    this.durability = durability;
  }

  /** The label of the in-process NoKV measurement of {@code --profile-nokv}. */
  static final String NOKV_EMBEDDED = "nokv-embedded";

  static final String ALL = "nokv,h2,postgres";

  static SqlTarget byLabel(String label) {
    for (SqlTarget t : values()) {
      if (t.label.equalsIgnoreCase(label.trim())) {
        return t;
      }
    }
    return null;
  }

  static List<String> labels() {
    return Arrays.stream(values()).map(t -> t.label).toList();
  }
}
