package io.nokv.server.resp;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import io.nokv.server.resp.store.KeyMeta;
import io.nokv.server.resp.store.Keyspace;
import io.nokv.server.resp.store.RedisType;
import io.nokv.server.resp.store.RespKeys;
import io.nokv.txn.Txn;
import io.nokv.txn.TxnClient;
import io.nokv.txn.rpc.KvPair;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Test helpers for the string and key command tests: collections written straight through a
 * {@link Keyspace} (so that key commands and WRONGTYPE can be tested without the collection
 * commands), physical reads of the store, and raw commands through Jedis.
 */
public final class RespTestData {
  private RespTestData() {}

  public static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Writes a collection of {@code type} with {@code n} members at {@code key}, in one transaction:
   * hash fields {@code f<i>} = {@code v<i>}, set members {@code m<i>}, zset members {@code m<i>}
   * with score i (both member and score index keys), list elements {@code e<i>}.
   */
  public static void putCollection(TxnClient client, String key, RedisType type, int n) {
    byte[] k = bytes(key);
    client.run(txn -> {
      Keyspace ks = new Keyspace(txn, System.currentTimeMillis(), client::currentTimestamp);
      KeyMeta m = ks.newCollection(type);
      for (int i = 0; i < n; i++) {
        switch (type) {
          case HASH -> ks.putMember(RespKeys.HASH, k, m, bytes("f" + i), bytes("v" + i));
          case SET -> ks.putMember(RespKeys.SET, k, m, bytes("m" + i), new byte[0]);
          case ZSET -> {
            byte[] member = bytes("m" + i);
            ks.putMember(RespKeys.ZSET_MEMBER, k, m, member, ByteBuffer.allocate(8).putDouble(i).array());
            byte[] score = RespKeys.sortableDouble(i);
            byte[] indexed = ByteBuffer.allocate(8 + member.length).put(score).put(member).array();
            ks.putMember(RespKeys.ZSET_SCORE, k, m, indexed, new byte[0]);
          }
          case LIST -> ks.putMember(RespKeys.LIST, k, m, RespKeys.sortableLong(i), bytes("e" + i));
          case STRING -> throw new IllegalArgumentException("not a collection");
        }
      }
      ks.putMeta(k, type == RedisType.LIST ? m.withHeadAndSize(0, n) : m.withSize(n));
      return null;
    });
  }

  /** The metadata of {@code key} as stored now (expired or not), or null. */
  public static KeyMeta storedMeta(TxnClient client, String key) {
    byte[] raw = client.snapshotAt(client.currentTimestamp()).get(RespKeys.meta(bytes(key)));
    return raw == null ? null : KeyMeta.decode(raw);
  }

  /** Whether the raw key {@code key} is stored now. */
  public static boolean stored(TxnClient client, byte[] key) {
    return client.snapshotAt(client.currentTimestamp()).get(key) != null;
  }

  /** The number of keys stored now in {@code [start, end)}. */
  public static int count(TxnClient client, byte[] start, byte[] end) {
    Iterator<KvPair> it = client.snapshotAt(client.currentTimestamp()).scan(start, end, false, 1024);
    int n = 0;
    while (it.hasNext()) {
      it.next();
      n++;
    }
    return n;
  }

  /** The number of member keys stored now in every member space of (key, version). */
  public static int memberKeys(TxnClient client, String key, RedisType type, long version) {
    int n = 0;
    for (byte space : Keyspace.memberSpaces(type)) {
      byte[] prefix = RespKeys.memberPrefix(space, bytes(key), version);
      n += count(client, prefix, RespKeys.prefixEnd(prefix));
    }
    return n;
  }

  /** The members of (key, meta) in {@code space} read in a transaction, as strings. */
  public static List<String> members(TxnClient client, String key, KeyMeta meta, byte space) {
    try (Txn txn = client.begin()) {
      Keyspace ks = new Keyspace(txn, System.currentTimeMillis(), client::currentTimestamp);
      List<String> out = new java.util.ArrayList<>();
      ks.members(space, bytes(key), meta).forEachRemaining(m -> out.add(new String(m.name(), StandardCharsets.UTF_8)));
      return out;
    }
  }

  /** Sends {@code command args...} through Jedis; returns the reply with bulk and simple strings as Strings. */
  public static Object raw(Jedis j, String command, String... args) {
    return text(j.sendCommand(name(command), args));
  }

  private static Object text(Object reply) {
    if (reply instanceof byte[] b) {
      return new String(b, StandardCharsets.UTF_8);
    }
    if (reply instanceof List<?> list) {
      return list.stream().map(RespTestData::text).toList();
    }
    return reply;
  }

  /** Sends a command that must fail and returns its error message (without the leading '-'). */
  public static String error(Jedis j, String command, String... args) {
    try {
      Object reply = j.sendCommand(name(command), args);
      return fail(command + " " + String.join(" ", args) + " answered " + describe(reply) + " instead of an error");
    } catch (JedisDataException e) {
      assertNotNull(e.getMessage());
      return e.getMessage();
    }
  }

  private static ProtocolCommand name(String command) {
    byte[] raw = bytes(command);
    return () -> raw;
  }

  private static String describe(Object reply) {
    return reply instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(reply);
  }
}
