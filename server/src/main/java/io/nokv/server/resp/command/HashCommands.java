package io.nokv.server.resp.command;

import io.nokv.server.resp.protocol.Reply;
import io.nokv.server.resp.protocol.RespException;
import io.nokv.server.resp.store.KeyMeta;
import io.nokv.server.resp.store.Keyspace;
import io.nokv.server.resp.store.RedisType;
import io.nokv.server.resp.store.RespKeys;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Hash commands. A hash is its metadata record (type, version, field count) plus one member key
 * per field in the {@link RespKeys#HASH} space holding the field's value, so HGET, HEXISTS, HSTRLEN
 * and HINCRBY are point reads, and HGETALL, HKEYS, HVALS and HSCAN are one range scan in field byte
 * order.
 *
 * <pre>
 * HSET/HMSET/HSETNX  -> {@link #set}, {@link #setIfAbsent}
 * HGET/HMGET/HEXISTS/HSTRLEN -> {@link #get}, {@link #multiGet}, {@link #exists}, {@link #strlen}
 * HDEL               -> {@link #delete}
 * HLEN/HGETALL/HKEYS/HVALS -> {@link #length}, {@link #all}
 * HINCRBY/HINCRBYFLOAT -> {@link #incrBy}, {@link #incrByFloat}
 * HSCAN              -> {@link CollectionScan}
 * </pre>
 */
final class HashCommands {
  private static final byte SPACE = RespKeys.HASH;

  private HashCommands() {}

  static void register(CommandTable t) {
    t.register(CommandSpec.write("hset", -4, 1, 1, 1, ctx -> set(ctx, false)));
    t.register(CommandSpec.write("hmset", -4, 1, 1, 1, ctx -> set(ctx, true)));
    t.register(CommandSpec.write("hsetnx", 4, 1, 1, 1, HashCommands::setIfAbsent));
    t.register(CommandSpec.fastRead("hget", 3, 1, 1, 1, HashCommands::get));
    t.register(CommandSpec.fastRead("hmget", -3, 1, 1, 1, HashCommands::multiGet));
    t.register(CommandSpec.fastRead("hexists", 3, 1, 1, 1, HashCommands::exists));
    t.register(CommandSpec.fastRead("hstrlen", 3, 1, 1, 1, HashCommands::strlen));
    t.register(CommandSpec.write("hdel", -3, 1, 1, 1, HashCommands::delete));
    t.register(CommandSpec.fastRead("hlen", 2, 1, 1, 1, HashCommands::length));
    t.register(CommandSpec.read("hgetall", 2, 1, 1, 1, ctx -> all(ctx, true, true)));
    t.register(CommandSpec.read("hkeys", 2, 1, 1, 1, ctx -> all(ctx, true, false)));
    t.register(CommandSpec.read("hvals", 2, 1, 1, 1, ctx -> all(ctx, false, true)));
    t.register(CommandSpec.write("hincrby", 4, 1, 1, 1, HashCommands::incrBy));
    t.register(CommandSpec.write("hincrbyfloat", 4, 1, 1, 1, HashCommands::incrByFloat));
    t.register(CommandSpec.read("hscan", -3, 1, 1, 1, ctx -> CollectionScan.scan(ctx, RedisType.HASH, SPACE, v -> v)));
  }

  /** The hash at {@code key}, or null when missing; WRONGTYPE when the key holds something else. */
  private static KeyMeta hash(Keyspace ks, byte[] key) {
    return ks.metaOf(key, RedisType.HASH);
  }

  /** HSET key field value [field value ...] (answers the fields added) and HMSET (answers OK). */
  private static Reply set(CommandContext ctx, boolean answerOk) {
    Args a = ctx.args();
    if (a.size() % 2 != 0) {
      throw RespException.wrongArity(a.name());
    }
    Keyspace ks = ctx.keyspace();
    byte[] key = a.bytes(1);
    KeyMeta m = hash(ks, key);
    boolean fresh = m == null;
    if (fresh) {
      m = ks.newCollection(RedisType.HASH);
    }
    // A fresh hash has no stored fields: only repeats within this command can already exist.
    Set<ByteBuffer> seen = fresh ? new HashSet<>() : null;
    long added = 0;
    for (int i = 2; i < a.size(); i += 2) {
      byte[] field = a.bytes(i);
      boolean isNew = fresh ? seen.add(ByteBuffer.wrap(field)) : ks.getMember(SPACE, key, m, field) == null;
      if (isNew) {
        added++;
      }
      ks.putMember(SPACE, key, m, field, a.bytes(i + 1));
    }
    ks.putMeta(key, m.withSize(m.size() + added));
    return answerOk ? Reply.OK : Reply.integer(added);
  }

  private static Reply setIfAbsent(CommandContext ctx) {
    Keyspace ks = ctx.keyspace();
    byte[] key = ctx.args().bytes(1);
    byte[] field = ctx.args().bytes(2);
    KeyMeta m = hash(ks, key);
    if (m == null) {
      m = ks.newCollection(RedisType.HASH);
    } else if (ks.getMember(SPACE, key, m, field) != null) {
      return Reply.ZERO;
    }
    ks.putMember(SPACE, key, m, field, ctx.args().bytes(3));
    ks.putMeta(key, m.withSize(m.size() + 1));
    return Reply.ONE;
  }

  /** The value of {@code field}, or null when the hash or the field is missing. */
  private static byte[] value(Keyspace ks, byte[] key, byte[] field) {
    KeyMeta m = hash(ks, key);
    return m == null ? null : ks.getMember(SPACE, key, m, field);
  }

  private static Reply get(CommandContext ctx) {
    return Reply.bulk(value(ctx.keyspace(), ctx.args().bytes(1), ctx.args().bytes(2)));
  }

  private static Reply exists(CommandContext ctx) {
    return Reply.bool(value(ctx.keyspace(), ctx.args().bytes(1), ctx.args().bytes(2)) != null);
  }

  private static Reply strlen(CommandContext ctx) {
    byte[] v = value(ctx.keyspace(), ctx.args().bytes(1), ctx.args().bytes(2));
    return Reply.integer(v == null ? 0 : v.length);
  }

  private static Reply multiGet(CommandContext ctx) {
    Keyspace ks = ctx.keyspace();
    Args a = ctx.args();
    byte[] key = a.bytes(1);
    KeyMeta m = hash(ks, key);
    List<Reply> out = new ArrayList<>(a.size() - 2);
    for (int i = 2; i < a.size(); i++) {
      out.add(m == null ? Reply.NULL : Reply.bulk(ks.getMember(SPACE, key, m, a.bytes(i))));
    }
    return Reply.array(out);
  }

  /** HDEL key field [field ...]: answers the fields removed; removing the last one deletes the key. */
  private static Reply delete(CommandContext ctx) {
    Keyspace ks = ctx.keyspace();
    Args a = ctx.args();
    byte[] key = a.bytes(1);
    KeyMeta m = hash(ks, key);
    if (m == null) {
      return Reply.ZERO;
    }
    long removed = ks.removeMembers(SPACE, key, m, a.range(2, a.size()));
    return Reply.integer(removed);
  }

  private static Reply length(CommandContext ctx) {
    KeyMeta m = hash(ctx.keyspace(), ctx.args().bytes(1));
    return Reply.integer(m == null ? 0 : m.size());
  }

  /** HGETALL (a map in RESP3), HKEYS and HVALS: one scan of the hash's fields. */
  private static Reply all(CommandContext ctx, boolean fields, boolean values) {
    Keyspace ks = ctx.keyspace();
    byte[] key = ctx.args().bytes(1);
    KeyMeta m = hash(ks, key);
    List<Reply> out = new ArrayList<>(m == null ? 0 : (int) Math.min(m.size() * (fields && values ? 2 : 1), 1 << 20));
    if (m != null) {
      for (Iterator<Keyspace.Member> it = ks.members(SPACE, key, m); it.hasNext(); ) {
        Keyspace.Member f = it.next();
        if (fields) {
          out.add(Reply.bulk(f.name()));
        }
        if (values) {
          out.add(Reply.bulk(f.value()));
        }
      }
    }
    return fields && values ? new Reply.Map(out) : Reply.array(out);
  }

  /** HINCRBY key field increment: a missing field counts as 0. */
  private static Reply incrBy(CommandContext ctx) {
    Args a = ctx.args();
    long increment = a.longAt(3);
    Keyspace ks = ctx.keyspace();
    byte[] key = a.bytes(1);
    byte[] field = a.bytes(2);
    KeyMeta m = hash(ks, key);
    byte[] old = m == null ? null : ks.getMember(SPACE, key, m, field);
    long current = 0;
    if (old != null) {
      Long parsed = Args.tryParseLong(old);
      if (parsed == null) {
        throw RespException.err("hash value is not an integer");
      }
      current = parsed;
    }
    long result;
    try {
      result = Math.addExact(current, increment);
    } catch (ArithmeticException e) {
      throw RespException.overflow();
    }
    store(ks, key, m, field, old == null, Long.toString(result).getBytes(StandardCharsets.US_ASCII));
    return Reply.integer(result);
  }

  /**
   * HINCRBYFLOAT key field increment: answers the new value as a bulk string, computed and
   * written as Redis does, in x87 long double arithmetic ({@link LongDoubles}, shared with
   * INCRBYFLOAT).
   */
  private static Reply incrByFloat(CommandContext ctx) {
    Args a = ctx.args();
    if (LongDoubles.parse(a.bytes(3)).infinite()) {
      throw RespException.err("value is NaN or Infinity");
    }
    Keyspace ks = ctx.keyspace();
    byte[] key = a.bytes(1);
    byte[] field = a.bytes(2);
    KeyMeta m = hash(ks, key);
    byte[] old = m == null ? null : ks.getMember(SPACE, key, m, field);
    if (old != null) {
      try {
        LongDoubles.parse(old);
      } catch (RespException e) {
        throw RespException.err("hash value is not a float");
      }
    }
    byte[] text = LongDoubles.incrBy(old, a.bytes(3)).getBytes(StandardCharsets.US_ASCII);
    store(ks, key, m, field, old == null, text);
    return Reply.bulk(text);
  }

  /** Writes one field of the hash {@code m} (null: a new hash) and its metadata. */
  private static void store(Keyspace ks, byte[] key, KeyMeta m, byte[] field, boolean isNew, byte[] value) {
    KeyMeta target = m == null ? ks.newCollection(RedisType.HASH) : m;
    ks.putMember(SPACE, key, target, field, value);
    ks.putMeta(key, target.withSize(target.size() + (isNew ? 1 : 0)));
  }
}
