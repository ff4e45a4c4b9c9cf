package io.nokv.server.resp;

import static io.nokv.server.resp.RespConnectionCommandsTest.jedisError;
import static io.nokv.server.resp.RespConnectionCommandsTest.lettuceError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.resps.CommandDocument;
import redis.clients.jedis.resps.CommandInfo;

/** INFO, COMMAND and CONFIG through Jedis, Lettuce and raw RESP. */
class RespServerCommandsTest {
  private static final Pattern CMDSTAT = Pattern.compile(
      "cmdstat_(\\w+):calls=(\\d+),usec=(\\d+),usec_per_call=(\\d+\\.\\d\\d),rejected_calls=(\\d+),failed_calls=(\\d+)");

  @TempDir Path dir;

  private static Object send(Jedis j, String... args) {
    String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
    return j.sendCommand(() -> args[0].getBytes(), rest);
  }

  /** The {@code cmdstat_NAME} line's numbers: calls, usec, rejected, failed (null when absent). */
  private static long[] cmdstat(String info, String name) {
    Matcher m = CMDSTAT.matcher(info);
    while (m.find()) {
      if (m.group(1).equals(name)) {
        return new long[] {Long.parseLong(m.group(2)), Long.parseLong(m.group(3)), Long.parseLong(m.group(5)),
            Long.parseLong(m.group(6))};
      }
    }
    return null;
  }

  @Test
  void infoSections() {
    try (RespTestServer s = new RespTestServer(dir); Jedis j = s.jedis()) {
      String all = j.info();
      for (String section : List.of("# Server\r\n", "# Clients\r\n", "# Stats\r\n", "# Keyspace\r\n")) {
        assertTrue(all.contains(section), section + " in " + all);
      }
      assertFalse(all.contains("# Commandstats"), "not a default section");
      assertTrue(all.contains("\r\nredis_version:7.0.15\r\n"));
      assertTrue(all.contains("\r\ntcp_port:" + s.port() + "\r\n"));
      assertTrue(all.contains("\r\nconnected_clients:1\r\n"), all);
      assertTrue(all.contains("\r\n\r\n# Clients\r\n"), "sections are separated by an empty line");
      assertTrue(all.matches("(?s).*\r\nnokv_version:[^\r]+\r\n.*"));

      String clients = j.info("clients");
      assertTrue(clients.startsWith("# Clients\r\n") && !clients.contains("# Server"), clients);
      assertTrue(clients.contains("maxclients:10000\r\n"));
      assertEquals("", j.info("nosuchsection"));
      String two = (String) new String((byte[]) send(j, "INFO", "server", "clients"));
      assertTrue(two.contains("# Server") && two.contains("# Clients") && !two.contains("# Stats"), two);
      assertTrue(j.info("everything").contains("# Commandstats\r\n"));
      assertTrue(j.info("ALL").contains("# Commandstats\r\n"));
    }
  }

  @Test
  void keyspaceCountsLiveKeysAndExpiries() {
    try (RespTestServer s = new RespTestServer(dir); Jedis j = s.jedis()) {
      assertEquals("# Keyspace\r\n", j.info("keyspace"), "an empty keyspace prints no db line, as Redis");
      for (int i = 0; i < 25; i++) {
        j.set("ks:" + i, "v");
      }
      assertEquals("# Keyspace\r\ndb0:keys=25,expires=0,avg_ttl=0\r\n", j.info("keyspace"));
    }
  }

  @Test
  void commandstatsInTheFormatTheBenchmarkParses() {
    try (RespTestServer s = new RespTestServer(dir); Jedis j = s.jedis()) {
      for (int i = 0; i < 7; i++) {
        j.set("k" + i, "v");
      }
      j.get("k1");
      j.get("k2");
      jedisError("ERR wrong number of arguments for 'get' command", () -> send(j, "GET"));
      jedisError("ERR DB index is out of range", () -> j.select(3));
      String info = j.info("commandstats");
      long[] set = cmdstat(info, "set");
      long[] get = cmdstat(info, "get");
      long[] select = cmdstat(info, "select");
      assertEquals(7, set[0]);
      assertEquals(2, get[0]);
      assertEquals(1, get[2], "the arity error is a rejected call");
      assertEquals(0, get[3]);
      assertEquals(1, select[3], "SELECT 3 ran and failed");
      for (String line : info.split("\r\n")) {
        assertTrue(line.equals("# Commandstats") || CMDSTAT.matcher(line).matches(), line);
      }
      assertEquals("OK", j.configResetStat());
      String after = j.info("commandstats");
      assertNull(cmdstat(after, "set"), after);
      assertEquals(0, Long.parseLong(j.info("stats").replaceAll("(?s).*total_connections_received:(\\d+).*", "$1")));
    }
  }

  @Test
  void commandTableThroughJedisAndLettuce() {
    try (RespTestServer s = new RespTestServer(dir); Jedis j = s.jedis();
        StatefulRedisConnection<String, String> l = s.lettuce()) {
      long count = j.commandCount();
      assertEquals(s.gateway().commands().size(), count);
      List<String> names = j.commandList();
      assertEquals(count, names.size());
      assertTrue(names.containsAll(List.of("get", "set", "ping", "hello", "info", "config", "client", "multi")));

      Map<String, CommandInfo> info = j.commandInfo("get", "set", "ping", "nosuch");
      CommandInfo get = info.get("get");
      assertEquals(2, get.getArity());
      assertTrue(get.getFlags().contains("readonly"), get.getFlags().toString());
      assertEquals(1, get.getFirstKey());
      assertEquals(1, get.getLastKey());
      assertEquals(1, get.getStep());
      assertTrue(get.getAclCategories().contains("@read") && get.getAclCategories().contains("@string"));
      assertEquals(-3, info.get("set").getArity());
      assertTrue(info.get("set").getFlags().contains("write"));
      assertTrue(info.get("ping").getFlags().contains("fast"));
      assertEquals(count, j.command().size());

      Map<String, CommandDocument> docs = j.commandDocs("get", "hset", "nosuch");
      assertTrue(docs.containsKey("get"));
      assertFalse(docs.containsKey("nosuch"), "unknown names are left out");
      assertEquals("string", docs.get("get").getGroup());

      RedisCommands<String, String> c = l.sync();
      assertEquals(count, c.commandCount());
      List<Object> lettuceInfo = c.commandInfo("get");
      assertEquals(1, lettuceInfo.size());
      assertEquals("get", ((List<?>) lettuceInfo.get(0)).get(0));
      assertEquals(count, c.command().size());
      jedisError("ERR unknown subcommand 'nope'. Try COMMAND HELP.", () -> send(j, "COMMAND", "nope"));
      jedisError("ERR wrong number of arguments for 'command|count' command", () -> send(j, "COMMAND", "COUNT", "x"));
    }
  }

  @Test
  void configGetSetAndErrors() {
    try (RespTestServer s = new RespTestServer(dir); Jedis j = s.jedis();
        StatefulRedisConnection<String, String> l = s.lettuce()) {
      Map<String, String> m = j.configGet("maxclients", "timeout", "databases");
      assertEquals(Map.of("maxclients", "10000", "timeout", "0", "databases", "1"), m);
      Map<String, String> glob = j.configGet("append*");
      assertEquals(Map.of("appendonly", "yes", "appendfsync", "always"), glob);
      assertEquals(Map.of("save", ""), j.configGet("SAVE"));
      assertEquals(Map.of(), j.configGet("nosuch"));
      assertEquals(String.valueOf(s.port()), j.configGet("port").get("port"));
      assertEquals("", j.configGet("requirepass").get("requirepass"));

      RedisCommands<String, String> c = l.sync();
      assertEquals(Map.of("maxclients", "10000"), c.configGet("maxclients"), "a RESP3 map through Lettuce");

      jedisError("ERR Unknown option or number of arguments for CONFIG SET - 'nosuch'", () -> j.configSet("nosuch", "1"));
      jedisError("ERR CONFIG SET failed (possibly related to argument 'maxclients') - can't set immutable config",
          () -> j.configSet("maxclients", "5"));
      jedisError("ERR wrong number of arguments for 'config|set' command", () -> send(j, "CONFIG", "SET", "timeout"));
      jedisError("ERR wrong number of arguments for 'config|get' command", () -> send(j, "CONFIG", "GET"));
      jedisError("ERR unknown subcommand 'frob'. Try CONFIG HELP.", () -> send(j, "CONFIG", "frob"));
      lettuceError("ERR Unknown option or number of arguments for CONFIG SET - 'nosuch'", () -> c.configSet("nosuch", "1"));
    }
  }

  @Test
  void configSetRequirepassAppliesToNewConnections() {
    try (RespTestServer s = new RespTestServer(dir); Jedis j = s.jedis()) {
      assertEquals("OK", j.configSet("requirepass", "s3cret"));
      assertEquals("PONG", j.ping(), "a connection already in stays authenticated, as in Redis");
      assertEquals("s3cret", j.configGet("requirepass").get("requirepass"));
      try (Jedis fresh = s.jedis()) {
        jedisError("NOAUTH Authentication required.", fresh::ping);
        assertEquals("OK", fresh.auth("s3cret"));
        assertEquals("PONG", fresh.ping());
        assertEquals("OK", fresh.configSet("requirepass", ""));
      }
      try (Jedis open = s.jedis()) {
        assertEquals("PONG", open.ping(), "an empty requirepass turns the password off");
      }
    }
  }
}
