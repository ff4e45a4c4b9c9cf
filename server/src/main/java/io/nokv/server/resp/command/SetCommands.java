package io.nokv.server.resp.command;

import io.nokv.server.resp.protocol.Reply;
import io.nokv.server.resp.store.KeyMeta;
import io.nokv.server.resp.store.Keyspace;
import io.nokv.server.resp.store.RedisType;
import io.nokv.server.resp.store.RespKeys;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Set commands. A set is its metadata record (type, version, member count) plus one member key
 * per member in the {@link RespKeys#SET} space with an empty value, so SISMEMBER is a point read
 * and SMEMBERS a range scan in member byte order.
 *
 * <pre>
 * SADD/SREM            -> {@link #add}, {@link #remove}
 * SISMEMBER/SMISMEMBER -> {@link #isMember}, {@link #areMembers}
 * SCARD/SMEMBERS       -> {@link #cardinality}, {@link #members}
 * SMOVE                -> {@link #move}
 * SPOP/SRANDMEMBER     -> {@link SetRandom}
 * SINTER/SUNION/SDIFF and their STORE forms -> {@link SetAlgebra}
 * SSCAN                -> {@link CollectionScan}
 * </pre>
 */
final class SetCommands {
  static final byte SPACE = RespKeys.SET;
  static final byte[] EMPTY = new byte[0];

  private SetCommands() {}

  static void register(CommandTable t) {
    t.register(CommandSpec.write("sadd", -3, 1, 1, 1, SetCommands::add));
    t.register(CommandSpec.write("srem", -3, 1, 1, 1, SetCommands::remove));
    t.register(CommandSpec.read("smembers", 2, 1, 1, 1, SetCommands::members));
    t.register(CommandSpec.fastRead("sismember", 3, 1, 1, 1, SetCommands::isMember));
    t.register(CommandSpec.fastRead("smismember", -3, 1, 1, 1, SetCommands::areMembers));
    t.register(CommandSpec.fastRead("scard", 2, 1, 1, 1, SetCommands::cardinality));
    t.register(CommandSpec.write("smove", 4, 1, 2, 1, SetCommands::move));
    t.register(CommandSpec.read("sscan", -3, 1, 1, 1, ctx -> CollectionScan.scan(ctx, RedisType.SET, SPACE, null)));
    SetRandom.register(t);
    SetAlgebra.register(t);
  }

  /** The set at {@code key}, or null when missing; WRONGTYPE when the key holds something else. */
  static KeyMeta set(Keyspace ks, byte[] key) {
    return ks.metaOf(key, RedisType.SET);
  }

  static boolean contains(Keyspace ks, byte[] key, KeyMeta m, byte[] member) {
    return m != null && ks.getMember(SPACE, key, m, member) != null;
  }

  /** Every member of the set {@code m} (null: none), in byte order. */
  static List<byte[]> all(Keyspace ks, byte[] key, KeyMeta m) {
    List<byte[]> out = new ArrayList<>(m == null ? 0 : (int) Math.min(m.size(), 1 << 20));
    if (m != null) {
      for (Iterator<Keyspace.Member> it = ks.members(SPACE, key, m); it.hasNext(); ) {
        out.add(it.next().name());
      }
    }
    return out;
  }

  /** A RESP3 set reply (a RESP2 array) of {@code members}. */
  static Reply setReply(List<byte[]> members) {
    List<Reply> items = new ArrayList<>(members.size());
    for (byte[] b : members) {
      items.add(Reply.bulk(b));
    }
    return new Reply.Set(items);
  }

  private static Reply add(CommandContext ctx) {
    Keyspace ks = ctx.keyspace();
    Args a = ctx.args();
    byte[] key = a.bytes(1);
    KeyMeta m = set(ks, key);
    boolean fresh = m == null;
    if (fresh) {
      m = ks.newCollection(RedisType.SET);
    }
    // A fresh set has no stored members: only repeats within this command can already exist.
    Set<ByteBuffer> seen = fresh ? new HashSet<>() : null;
    long added = 0;
    for (int i = 2; i < a.size(); i++) {
      byte[] member = a.bytes(i);
      if (fresh ? seen.add(ByteBuffer.wrap(member)) : ks.getMember(SPACE, key, m, member) == null) {
        ks.putMember(SPACE, key, m, member, EMPTY);
        added++;
      }
    }
    if (added > 0) {
      ks.putMeta(key, m.withSize(m.size() + added));
    }
    return Reply.integer(added);
  }

  private static Reply remove(CommandContext ctx) {
    Keyspace ks = ctx.keyspace();
    Args a = ctx.args();
    byte[] key = a.bytes(1);
    KeyMeta m = set(ks, key);
    if (m == null) {
      return Reply.ZERO;
    }
    long removed = ks.removeMembers(SPACE, key, m, a.range(2, a.size()));
    return Reply.integer(removed);
  }

  private static Reply members(CommandContext ctx) {
    Keyspace ks = ctx.keyspace();
    byte[] key = ctx.args().bytes(1);
    return setReply(all(ks, key, set(ks, key)));
  }

  private static Reply isMember(CommandContext ctx) {
    Keyspace ks = ctx.keyspace();
    byte[] key = ctx.args().bytes(1);
    return Reply.bool(contains(ks, key, set(ks, key), ctx.args().bytes(2)));
  }

  private static Reply areMembers(CommandContext ctx) {
    Keyspace ks = ctx.keyspace();
    Args a = ctx.args();
    byte[] key = a.bytes(1);
    KeyMeta m = set(ks, key);
    List<Reply> out = new ArrayList<>(a.size() - 2);
    for (int i = 2; i < a.size(); i++) {
      out.add(Reply.bool(contains(ks, key, m, a.bytes(i))));
    }
    return Reply.array(out);
  }

  private static Reply cardinality(CommandContext ctx) {
    KeyMeta m = set(ctx.keyspace(), ctx.args().bytes(1));
    return Reply.integer(m == null ? 0 : m.size());
  }

  /** SMOVE source destination member. */
  private static Reply move(CommandContext ctx) {
    Keyspace ks = ctx.keyspace();
    Args a = ctx.args();
    byte[] srcKey = a.bytes(1);
    byte[] dstKey = a.bytes(2);
    byte[] member = a.bytes(3);
    KeyMeta src = set(ks, srcKey);
    if (src == null) {
      return Reply.ZERO; // as Redis: a missing source answers 0 before the destination's type is looked at
    }
    KeyMeta dst = set(ks, dstKey);
    if (!contains(ks, srcKey, src, member)) {
      return Reply.ZERO;
    }
    if (Arrays.equals(srcKey, dstKey)) {
      return Reply.ONE;
    }
    ks.deleteMember(SPACE, srcKey, src, member);
    ks.putMeta(srcKey, src.withSize(src.size() - 1));
    if (dst == null) {
      dst = ks.newCollection(RedisType.SET);
    }
    if (!contains(ks, dstKey, dst, member)) {
      ks.putMember(SPACE, dstKey, dst, member, EMPTY);
      ks.putMeta(dstKey, dst.withSize(dst.size() + 1));
    } // else the destination is unchanged, and Redis does not signal it as modified either
    return Reply.ONE;
  }
}
