package io.nokv.bench.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandStatsTest {
  /** INFO commandstats of Redis 7.0.15 after redis-benchmark -t set,get,incr,hset,zadd,lpush -n 2000. */
  static final String AFTER = "# Commandstats\r\n"
      + "cmdstat_hset:calls=2000,usec=2356,usec_per_call=1.18,rejected_calls=0,failed_calls=0\r\n"
      + "cmdstat_set:calls=2000,usec=849,usec_per_call=0.42,rejected_calls=0,failed_calls=0\r\n"
      + "cmdstat_get:calls=2000,usec=522,usec_per_call=0.26,rejected_calls=0,failed_calls=0\r\n"
      + "cmdstat_incr:calls=2000,usec=1086,usec_per_call=0.54,rejected_calls=0,failed_calls=0\r\n"
      + "cmdstat_ping:calls=2,usec=6,usec_per_call=3.00,rejected_calls=0,failed_calls=0\r\n"
      + "cmdstat_zadd:calls=2000,usec=1993,usec_per_call=1.00,rejected_calls=0,failed_calls=0\r\n"
      + "cmdstat_config|get:calls=2,usec=13,usec_per_call=6.50,rejected_calls=0,failed_calls=0\r\n"
      + "cmdstat_lpush:calls=2000,usec=733,usec_per_call=0.37,rejected_calls=0,failed_calls=0\r\n";

  @Test
  void everyCmdstatLineIsParsed() {
    Map<String, CommandStats.Stat> s = CommandStats.parse(AFTER);
    assertEquals(8, s.size());
    assertEquals(new CommandStats.Stat(2000, 849, 0), s.get("set"));
    assertEquals(new CommandStats.Stat(2, 13, 0), s.get("config|get"));
  }

  @Test
  void otherLinesAndIncompleteOnesAreSkipped() {
    Map<String, CommandStats.Stat> s = CommandStats.parse("# Commandstats\n\ncmdstat_GET:calls=5,usec=10\n"
        + "cmdstat_set:usec=3\nredis_version:7.0.15\ncmdstat_incr:calls=x,usec=1\n");
    assertEquals(Map.of("get", new CommandStats.Stat(5, 10, -1)), s);
    assertTrue(CommandStats.parse("").isEmpty());
  }

  @Test
  void theDeltaIsWhatRanInBetween() {
    Map<String, CommandStats.Stat> before = CommandStats.parse("cmdstat_get:calls=100,usec=50,usec_per_call=0.50,"
        + "rejected_calls=0,failed_calls=1\r\n");
    Map<String, CommandStats.Stat> after = CommandStats.parse(AFTER);
    CommandStats.ServerTime get = CommandStats.delta(before, after, "get");
    assertEquals(new CommandStats.ServerTime(1900, 472, -1), get);
    assertEquals(472.0 / 1900, get.usecPerCall(), 1e-12);
    CommandStats.ServerTime set = CommandStats.delta(before, after, "set");
    assertEquals(new CommandStats.ServerTime(2000, 849, 0), set, "a command that had not run starts at zero");
    assertNull(CommandStats.delta(before, after, "mget"), "never ran");
    assertNull(CommandStats.delta(after, before, "get"), "counters that went backwards (a reset) give nothing");
    assertTrue(Double.isNaN(new CommandStats.ServerTime(0, 0, 0).usecPerCall()));
  }
}
