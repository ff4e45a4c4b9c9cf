package io.nokv.server.resp.command;

import io.nokv.kv.Limits;
import io.nokv.server.resp.protocol.Reply;
import io.nokv.server.resp.protocol.RespException;
import io.nokv.server.resp.store.KeyMeta;
import io.nokv.server.resp.store.Keyspace;
import io.nokv.server.resp.store.RedisType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * String commands. A string's value is stored inline in its metadata record, so GET is one point
 * read and SET one write; the record also carries the expiry, which SET (without KEEPTTL), GETSET
 * and MSET clear and INCR, APPEND and SETRANGE keep, as in Redis. Writing a string over a key of
 * another type replaces it (the old members are reclaimed in the background).
 *
 * <p>Handlers check everything that can fail before the first write (see {@link Keyspace}).
 */
final class StringCommands {
  /** The longest string: the engine's largest value less the metadata record's 18-byte header. */
  static final long MAX_STRING_BYTES = Limits.MAX_VALUE_BYTES - 18;

  private StringCommands() {}

  static void register(CommandTable t) {
    t.register(CommandSpec.fastRead("get", 2, 1, 1, 1, ctx -> Reply.bulk(valueOrNull(ctx, ctx.args().bytes(1)))));
    t.register(CommandSpec.write("set", -3, 1, 1, 1, StringCommands::set));
    t.register(CommandSpec.write("setnx", 3, 1, 1, 1, StringCommands::setnx));
    t.register(CommandSpec.write("setex", 4, 1, 1, 1, ctx -> setWithExpiry(ctx, ExpireTimes.Kind.SECONDS)));
    t.register(CommandSpec.write("psetex", 4, 1, 1, 1, ctx -> setWithExpiry(ctx, ExpireTimes.Kind.MILLIS)));
    t.register(CommandSpec.write("getset", 3, 1, 1, 1, StringCommands::getset));
    t.register(CommandSpec.write("getdel", 2, 1, 1, 1, StringCommands::getdel));
    t.register(CommandSpec.write("getex", -2, 1, 1, 1, StringCommands::getex));
    t.register(CommandSpec.fastRead("mget", -2, 1, -1, 1, StringCommands::mget));
    t.register(CommandSpec.write("mset", -3, 1, -1, 2, ctx -> mset(ctx, false)));
    t.register(CommandSpec.write("msetnx", -3, 1, -1, 2, ctx -> mset(ctx, true)));
    t.register(CommandSpec.write("incr", 2, 1, 1, 1, ctx -> incrBy(ctx, 1)));
    t.register(CommandSpec.write("decr", 2, 1, 1, 1, ctx -> incrBy(ctx, -1)));
    t.register(CommandSpec.write("incrby", 3, 1, 1, 1, ctx -> incrBy(ctx, ctx.args().longAt(2))));
    t.register(CommandSpec.write("decrby", 3, 1, 1, 1, StringCommands::decrby));
    t.register(CommandSpec.write("incrbyfloat", 3, 1, 1, 1, StringCommands::incrbyfloat));
    t.register(CommandSpec.write("append", 3, 1, 1, 1, StringCommands::append));
    t.register(CommandSpec.fastRead("strlen", 2, 1, 1, 1, StringCommands::strlen));
    t.register(CommandSpec.read("getrange", 4, 1, 1, 1, StringCommands::getrange));
    t.register(CommandSpec.read("substr", 4, 1, 1, 1, StringCommands::getrange));
    t.register(CommandSpec.write("setrange", 4, 1, 1, 1, StringCommands::setrange));
  }

  // ---- helpers ----

  /** The string at {@code key}, or null when missing; WRONGTYPE for another type. Counts hits and misses for INFO. */
  private static KeyMeta lookup(CommandContext ctx, byte[] key) {
    KeyMeta m = ctx.keyspace().metaOf(key, RedisType.STRING);
    (m == null ? ctx.gateway().stats().keyspaceMisses : ctx.gateway().stats().keyspaceHits).increment();
    return m;
  }

  private static byte[] valueOrNull(CommandContext ctx, byte[] key) {
    KeyMeta m = lookup(ctx, key);
    return m == null ? null : m.value();
  }

  /** Refuses a string longer than the store holds, with Redis's text for its own limit. */
  static void checkLength(long length) {
    checkLength(length, 0);
  }

  /** Refuses a string of {@code length + more} bytes (both non-negative) if too long; no overflow. */
  static void checkLength(long length, long more) {
    if (length > MAX_STRING_BYTES - more) {
      throw new RespException("ERR string exceeds maximum allowed size (proto-max-bulk-len)");
    }
  }

  /** Stores {@code meta} at {@code key}; an expiry already past deletes the key instead. */
  private static void store(Keyspace ks, byte[] key, KeyMeta meta) {
    if (meta.isExpiredAt(ks.now())) {
      ks.delete(key);
    } else {
      ks.putMeta(key, meta);
    }
  }

  // ---- SET family ----

  private static Reply set(CommandContext ctx) {
    Args a = ctx.args();
    Keyspace ks = ctx.keyspace();
    StringOptions o = StringOptions.parse(a, 3, true);
    long expireAt = o.expireAt(ks.now(), "set");
    byte[] key = a.bytes(1);
    byte[] value = a.bytes(2);
    checkLength(value.length);
    // A plain SET needs no read of its own (putMeta reads what it replaces): one read less on the hot path
    boolean needsOld = o.nx() || o.xx() || o.get() || o.keepTtl();
    KeyMeta old = needsOld ? ks.meta(key) : null;
    Reply oldValue = null;
    if (o.get()) {
      if (old != null && old.type() != RedisType.STRING) {
        throw RespException.wrongType();
      }
      oldValue = Reply.bulk(old == null ? null : old.value());
    }
    if ((o.nx() && old != null) || (o.xx() && old == null)) {
      return o.get() ? oldValue : Reply.NULL;
    }
    long keep = o.keepTtl() && old != null ? old.expireAt() : 0;
    store(ks, key, KeyMeta.string(value).withExpireAt(o.hasExpiry() ? expireAt : keep));
    return o.get() ? oldValue : Reply.OK;
  }

  private static Reply setnx(CommandContext ctx) {
    Keyspace ks = ctx.keyspace();
    byte[] key = ctx.args().bytes(1);
    byte[] value = ctx.args().bytes(2);
    checkLength(value.length);
    if (ks.meta(key) != null) {
      return Reply.ZERO;
    }
    ks.putMeta(key, KeyMeta.string(value));
    return Reply.ONE;
  }

  /** SETEX key seconds value, PSETEX key millis value. */
  private static Reply setWithExpiry(CommandContext ctx, ExpireTimes.Kind kind) {
    Keyspace ks = ctx.keyspace();
    long expireAt = ExpireTimes.positive(ctx.args().bytes(2), kind, ks.now(), ctx.args().name());
    byte[] value = ctx.args().bytes(3);
    checkLength(value.length);
    ks.putMeta(ctx.args().bytes(1), KeyMeta.string(value).withExpireAt(expireAt));
    return Reply.OK;
  }

  private static Reply getset(CommandContext ctx) {
    byte[] key = ctx.args().bytes(1);
    byte[] value = ctx.args().bytes(2);
    checkLength(value.length);
    byte[] old = valueOrNull(ctx, key);
    ctx.keyspace().putMeta(key, KeyMeta.string(value));
    return Reply.bulk(old);
  }

  private static Reply getdel(CommandContext ctx) {
    byte[] key = ctx.args().bytes(1);
    byte[] old = valueOrNull(ctx, key);
    if (old != null) {
      ctx.keyspace().delete(key);
    }
    return Reply.bulk(old);
  }

  /** GETEX key [EX s | PX ms | EXAT t | PXAT t | PERSIST]: Redis validates the time only once the key is found. */
  private static Reply getex(CommandContext ctx) {
    Keyspace ks = ctx.keyspace();
    StringOptions o = StringOptions.parse(ctx.args(), 2, false);
    byte[] key = ctx.args().bytes(1);
    KeyMeta m = lookup(ctx, key);
    if (m == null) {
      return Reply.NULL;
    }
    if (o.hasExpiry()) {
      store(ks, key, m.withExpireAt(o.expireAt(ks.now(), "getex")));
    } else if (o.persist() && m.hasExpiry()) {
      ks.putMeta(key, m.withExpireAt(0));
    }
    return Reply.bulk(m.value());
  }

  private static Reply mget(CommandContext ctx) {
    Keyspace ks = ctx.keyspace();
    List<Reply> values = new ArrayList<>(ctx.args().size() - 1);
    for (int i = 1; i < ctx.args().size(); i++) {
      KeyMeta m = ks.meta(ctx.args().bytes(i));
      boolean string = m != null && m.type() == RedisType.STRING;
      (string ? ctx.gateway().stats().keyspaceHits : ctx.gateway().stats().keyspaceMisses).increment();
      values.add(string ? Reply.bulk(m.value()) : Reply.NULL);
    }
    return Reply.array(values);
  }

  /** MSET and MSETNX: key value pairs; a key given twice takes its last value. */
  private static Reply mset(CommandContext ctx, boolean onlyIfNoneExists) {
    Args a = ctx.args();
    Keyspace ks = ctx.keyspace();
    if (a.size() % 2 == 0) {
      throw RespException.wrongArity(a.name());
    }
    for (int i = 2; i < a.size(); i += 2) {
      checkLength(a.bytes(i).length);
    }
    if (onlyIfNoneExists) {
      for (int i = 1; i < a.size(); i += 2) {
        if (ks.meta(a.bytes(i)) != null) {
          return Reply.ZERO;
        }
      }
    }
    for (int i = 1; i < a.size(); i += 2) {
      ks.putMeta(a.bytes(i), KeyMeta.string(a.bytes(i + 1)));
    }
    return onlyIfNoneExists ? Reply.ONE : Reply.OK;
  }

  // ---- counters ----

  private static Reply decrby(CommandContext ctx) {
    long delta = ctx.args().longAt(2);
    if (delta == Long.MIN_VALUE) {
      throw RespException.err("decrement would overflow"); // -delta does not exist
    }
    return incrBy(ctx, -delta);
  }

  /** INCR, DECR, INCRBY, DECRBY: the value must be an integer as Redis reads them; the expiry stays. */
  private static Reply incrBy(CommandContext ctx, long delta) {
    Keyspace ks = ctx.keyspace();
    byte[] key = ctx.args().bytes(1);
    KeyMeta m = ks.metaOf(key, RedisType.STRING);
    long current = m == null ? 0 : Args.parseLong(m.value());
    long result;
    try {
      result = Math.addExact(current, delta);
    } catch (ArithmeticException e) {
      throw RespException.overflow();
    }
    byte[] text = Long.toString(result).getBytes(StandardCharsets.US_ASCII);
    ks.putMeta(key, m == null ? KeyMeta.string(text) : m.withValue(text));
    return Reply.integer(result);
  }

  /** INCRBYFLOAT in Redis's long double arithmetic and text ({@link LongDoubles}); the expiry stays. */
  private static Reply incrbyfloat(CommandContext ctx) {
    Keyspace ks = ctx.keyspace();
    byte[] key = ctx.args().bytes(1);
    KeyMeta m = ks.metaOf(key, RedisType.STRING);
    byte[] text = LongDoubles.incrBy(m == null ? null : m.value(), ctx.args().bytes(2)).getBytes(StandardCharsets.US_ASCII);
    ks.putMeta(key, m == null ? KeyMeta.string(text) : m.withValue(text));
    return Reply.bulk(text);
  }

  // ---- byte ranges ----

  private static Reply append(CommandContext ctx) {
    Keyspace ks = ctx.keyspace();
    byte[] key = ctx.args().bytes(1);
    byte[] tail = ctx.args().bytes(2);
    KeyMeta m = ks.metaOf(key, RedisType.STRING);
    if (m == null) {
      checkLength(tail.length);
      ks.putMeta(key, KeyMeta.string(tail));
      return Reply.integer(tail.length);
    }
    byte[] old = m.value();
    checkLength(old.length, tail.length);
    byte[] joined = Arrays.copyOf(old, old.length + tail.length);
    System.arraycopy(tail, 0, joined, old.length, tail.length);
    ks.putMeta(key, m.withValue(joined));
    return Reply.integer(joined.length);
  }

  private static Reply strlen(CommandContext ctx) {
    byte[] v = valueOrNull(ctx, ctx.args().bytes(1));
    return Reply.integer(v == null ? 0 : v.length);
  }

  /** GETRANGE key start end, with Redis 7.0's index rules (out-of-range ends are clamped). */
  private static Reply getrange(CommandContext ctx) {
    long start = ctx.args().longAt(2);
    long end = ctx.args().longAt(3);
    byte[] v = valueOrNull(ctx, ctx.args().bytes(1));
    if (v == null) {
      return Reply.bulk(new byte[0]);
    }
    long n = v.length;
    if (start < 0 && end < 0 && start > end) {
      return Reply.bulk(new byte[0]);
    }
    if (start < 0) {
      start = n + start;
    }
    if (end < 0) {
      end = n + end;
    }
    start = Math.max(start, 0);
    end = Math.max(end, 0);
    end = Math.min(end, n - 1);
    if (start > end || n == 0) {
      return Reply.bulk(new byte[0]);
    }
    return Reply.bulk(Arrays.copyOfRange(v, (int) start, (int) end + 1));
  }

  /** SETRANGE key offset value: pads with zero bytes; an empty value changes nothing. The expiry stays. */
  private static Reply setrange(CommandContext ctx) {
    Keyspace ks = ctx.keyspace();
    long offset = ctx.args().longAt(2);
    byte[] key = ctx.args().bytes(1);
    byte[] patch = ctx.args().bytes(3);
    if (offset < 0) {
      throw RespException.outOfRange("offset");
    }
    KeyMeta m = ks.metaOf(key, RedisType.STRING);
    byte[] old = m == null ? new byte[0] : m.value();
    if (patch.length == 0) {
      return Reply.integer(old.length); // Redis creates nothing and answers the current length
    }
    checkLength(offset, patch.length);
    int length = (int) Math.max(old.length, offset + patch.length);
    byte[] value = Arrays.copyOf(old, length);
    System.arraycopy(patch, 0, value, (int) offset, patch.length);
    ks.putMeta(key, m == null ? KeyMeta.string(value) : m.withValue(value));
    return Reply.integer(length);
  }
}
