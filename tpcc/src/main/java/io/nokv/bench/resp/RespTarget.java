package io.nokv.bench.resp;

import java.util.Arrays;
import java.util.List;

/**
 * A server {@code nokv bench resp} measures, how it is started and how durable its writes are. Each
 * runs as its own process on 127.0.0.1, on a fresh temporary directory per run, only while it is
 * measured.
 */
enum RespTarget {
  NOKV("nokv", "NoKV",
      "./nokv server --dir TMP --sql-port 0 --resp-port 0 as a child process (NOKV_NO_BUILD=1); the RESP"
          + " address is the resp=HOST:PORT of its ready line",
      "NoKV's defaults (the server's own durability settings, unchanged)"),
  REDIS("redis", "Redis",
      "scripts/peers.sh start-redis --port PORT --dir TMP (redis-server daemonized; stopped with"
          + " scripts/peers.sh stop-redis --port PORT)",
      "NOT durable: no snapshots, no append-only file (everything is lost when it stops)"),
  REDIS_AOF("redis-aof", "Redis AOF",
      "scripts/peers.sh start-redis --port PORT --aof-always --dir TMP (stopped with scripts/peers.sh"
          + " stop-redis --port PORT)",
      "durable: appendonly yes, appendfsync always (an fsync of the append-only file before each reply;"
          + " writes of one event-loop pass share it)");

  final String label;
  final String product;
  final String howStarted;
  final String durability;

  RespTarget(String label, String product, String howStarted, String durability) {
    this.label = label;
    this.product = product;
    this.howStarted = howStarted;
    this.durability = durability;
  }

  static final String ALL = "nokv,redis,redis-aof";

  static RespTarget byLabel(String label) {
    for (RespTarget t : values()) {
      if (t.label.equalsIgnoreCase(label.trim())) {
        return t;
      }
    }
    return null;
  }

  static List<String> labels() {
    return Arrays.stream(values()).map(t -> t.label).toList();
  }

  boolean isRedis() {
    return this != NOKV;
  }
}
