package io.nokv.server.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nokv.server.resp.command.CommandSpec;
import io.nokv.server.resp.protocol.Reply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Helpers of the sorted-set and list tests: raw commands through Jedis with the reply turned into
 * strings and lists (so a test states Redis's exact reply), and error replies.
 */
final class RespZlCalls {
  private RespZlCalls() {}

  /** Sends {@code args} as one command; bulk strings become Strings, arrays Lists, integers Longs. */
  static Object call(Jedis j, String... args) {
    String[] rest = new String[args.length - 1];
    System.arraycopy(args, 1, rest, 0, rest.length);
    return plain(j.sendCommand(() -> args[0].getBytes(StandardCharsets.UTF_8), rest));
  }

  /** The error message the command answers; fails if it succeeds. */
  static String error(Jedis j, String... args) {
    return assertThrows(JedisDataException.class, () -> call(j, args), String.join(" ", args)).getMessage();
  }

  static void assertError(String expected, Jedis j, String... args) {
    assertEquals(expected, error(j, args), String.join(" ", args));
  }

  static void assertReply(Object expected, Jedis j, String... args) {
    assertEquals(expected, call(j, args), String.join(" ", args));
  }

  static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
  static final String SYNTAX = "ERR syntax error";
  static final String NOT_INTEGER = "ERR value is not an integer or out of range";
  static final String NOT_FLOAT = "ERR value is not a valid float";

  static String arity(String command) {
    return "ERR wrong number of arguments for '" + command + "' command";
  }

  private static Object plain(Object reply) {
    if (reply instanceof byte[] b) {
      return new String(b, StandardCharsets.UTF_8);
    }
    if (reply instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (Object o : list) {
        out.add(plain(o));
      }
      return out;
    }
    return reply;
  }

  /**
   * Lettuce's RESP3 needs HELLO, which the connection commands own; until they are in this
   * gateway, the tests register a minimal HELLO (protocol switch and Redis's map) so RESP3 replies
   * can be checked. With the real HELLO present this does nothing.
   */
  static void ensureHello(RespTestServer s) {
    if (s.gateway().commands().lookup("hello") != null) {
      return;
    }
    s.gateway().commands().register(CommandSpec.connection("hello", -1, ctx -> {
      if (ctx.args().size() > 1) {
        ctx.session().setProtocol((int) ctx.args().longAt(1));
      }
      return new Reply.Map(List.of(
          Reply.bulk("server"), Reply.bulk("redis"),
          Reply.bulk("version"), Reply.bulk("7.0.15"),
          Reply.bulk("proto"), Reply.integer(ctx.session().protocol()),
          Reply.bulk("id"), Reply.integer(ctx.session().id()),
          Reply.bulk("mode"), Reply.bulk("standalone"),
          Reply.bulk("role"), Reply.bulk("master"),
          Reply.bulk("modules"), Reply.EMPTY_ARRAY));
    }, CommandSpec.Flag.NO_AUTH));
  }
}
