package io.nokv.server.resp;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.CommandOutput;
import io.nokv.server.resp.command.CommandSpec;
import io.nokv.server.resp.command.CommandTable;
import io.nokv.server.resp.protocol.Reply;
import io.nokv.server.resp.store.KeyMeta;
import io.nokv.server.resp.store.RespKeys;
import io.nokv.txn.Txn;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/** Helpers of the hash and set command tests: raw metadata reads, error replies, RESP3 type recording. */
final class HashSetTestSupport {
  static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";

  private HashSetTestSupport() {}

  /** The metadata record of {@code key} as stored (expired or not), read in a snapshot of its own; null when absent. */
  static KeyMeta storedMeta(RespTestServer s, String key) {
    try (Txn txn = s.gateway().client().begin()) {
      byte[] raw = txn.get(RespKeys.meta(key.getBytes(StandardCharsets.UTF_8)));
      txn.rollback();
      return raw == null ? null : KeyMeta.decode(raw);
    }
  }

  /** The error message {@code command} answers through Jedis (fails the test when it answers anything else). */
  static String error(Jedis j, String command, String... args) {
    return assertThrows(JedisDataException.class,
        () -> j.sendCommand(() -> command.getBytes(StandardCharsets.UTF_8), args), command).getMessage();
  }

  /** Redis's wrong-arity text for {@code command}. */
  static String arity(String command) {
    return "ERR wrong number of arguments for '" + command + "' command";
  }

  /**
   * Makes Lettuce speak RESP3 with this gateway: when the tree has no HELLO command yet (another
   * family registers it), a minimal one that switches the session to RESP3 is added to the
   * running gateway's table. The real HELLO, once present, is used as is.
   */
  static void ensureHello(RespTestServer s) {
    CommandTable table = s.gateway().commands();
    if (table.lookup("hello") != null) {
      return;
    }
    table.register(CommandSpec.connection("hello", -1, ctx -> {
      ctx.session().setProtocol(3);
      return new Reply.Map(List.of(
          Reply.bulk("server"), Reply.bulk("redis"),
          Reply.bulk("version"), Reply.bulk("7.0.15"),
          Reply.bulk("proto"), Reply.integer(3),
          Reply.bulk("id"), Reply.integer(ctx.session().id()),
          Reply.bulk("mode"), Reply.bulk("standalone"),
          Reply.bulk("role"), Reply.bulk("master"),
          Reply.bulk("modules"), Reply.EMPTY_ARRAY));
    }, CommandSpec.Flag.NO_AUTH));
  }

  /**
   * A Lettuce output that records the RESP types it is given: {@code map:N} (RESP3 {@code %}),
   * {@code set:N} ({@code ~}), {@code array:N}, {@code bulk:text}, {@code null}, {@code int:N},
   * {@code double:D}, {@code bool:B}.
   */
  static final class TypeRecorder extends CommandOutput<String, String, List<String>> {
    TypeRecorder() {
      super(StringCodec.UTF8, new ArrayList<>());
    }

    @Override
    public void set(ByteBuffer bytes) {
      output.add(bytes == null ? "null" : "bulk:" + StandardCharsets.UTF_8.decode(bytes));
    }

    @Override
    public void set(long integer) {
      output.add("int:" + integer);
    }

    @Override
    public void set(double number) {
      output.add("double:" + number);
    }

    @Override
    public void set(boolean value) {
      output.add("bool:" + value);
    }

    @Override
    public void multiArray(int count) {
      output.add("array:" + count);
    }

    @Override
    public void multiMap(int count) {
      output.add("map:" + count);
    }

    @Override
    public void multiSet(int count) {
      output.add("set:" + count);
    }
  }
}
