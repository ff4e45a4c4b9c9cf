package io.nokv.bench.resp;

import java.util.Arrays;
import java.util.List;

/**
 * A redis-benchmark test ({@code -t NAME}) that {@code nokv bench resp} runs: the name redis-benchmark
 * prints in its CSV, the command it sends (as redis-benchmark 7.0 formats it; {@code __rand_int__}
 * is a 12-digit random number below {@code -r}, VALUE {@code -d} bytes of 'x') and the command's
 * name in {@code INFO commandstats} ({@code cmdstat_NAME}).
 */
enum RespTest {
  SET("set", "SET key:__rand_int__ VALUE"),
  GET("get", "GET key:__rand_int__"),
  INCR("incr", "INCR counter:__rand_int__"),
  HSET("hset", "HSET myhash element:__rand_int__ VALUE"),
  ZADD("zadd", "ZADD myzset SCORE element:__rand_int__"),
  LPUSH("lpush", "LPUSH mylist VALUE");

  /** The {@code -t} name, the {@code --tests} label and the commandstats name. */
  final String label;
  /** What redis-benchmark sends. */
  final String command;

  RespTest(String label, String command) {
    this.label = label;
    this.command = command;
  }

  /** The test's name in redis-benchmark's CSV output. */
  String csvName() {
    return name();
  }

  static final String ALL = "set,get,incr,hset,zadd,lpush";

  static RespTest byLabel(String label) {
    for (RespTest t : values()) {
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
