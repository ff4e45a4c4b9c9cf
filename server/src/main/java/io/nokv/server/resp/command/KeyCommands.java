package io.nokv.server.resp.command;

import io.nokv.server.resp.protocol.Reply;
import io.nokv.server.resp.protocol.RespException;
import io.nokv.server.resp.store.KeyMeta;
import io.nokv.server.resp.store.Keyspace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Commands on keys of any type: DEL UNLINK EXISTS TYPE, the expiry family (EXPIRE PEXPIRE EXPIREAT
 * PEXPIREAT with NX XX GT LT, TTL PTTL EXPIRETIME PEXPIRETIME PERSIST) and RENAME RENAMENX; the
 * whole-keyspace commands (SCAN KEYS DBSIZE FLUSHDB FLUSHALL) are in {@link KeyspaceCommands}.
 *
 * <p>DEL and UNLINK are the same here and O(1) per key for every type: they delete the metadata
 * record, and a collection's members, no longer reachable, are deleted later by the reclaimer.
 * RENAME of a collection is O(N): member keys carry their key's name, so they are copied.
 */
final class KeyCommands {
  private static final Reply NONE = new Reply.Simple("none");

  private KeyCommands() {}

  static void register(CommandTable t) {
    t.register(CommandSpec.write("del", -2, 1, -1, 1, KeyCommands::del));
    t.register(CommandSpec.write("unlink", -2, 1, -1, 1, KeyCommands::del));
    t.register(CommandSpec.fastRead("exists", -2, 1, -1, 1, KeyCommands::exists));
    t.register(CommandSpec.fastRead("type", 2, 1, 1, 1, KeyCommands::type));
    t.register(CommandSpec.write("expire", -3, 1, 1, 1, ctx -> expire(ctx, ExpireTimes.Kind.SECONDS)));
    t.register(CommandSpec.write("pexpire", -3, 1, 1, 1, ctx -> expire(ctx, ExpireTimes.Kind.MILLIS)));
    t.register(CommandSpec.write("expireat", -3, 1, 1, 1, ctx -> expire(ctx, ExpireTimes.Kind.UNIX_SECONDS)));
    t.register(CommandSpec.write("pexpireat", -3, 1, 1, 1, ctx -> expire(ctx, ExpireTimes.Kind.UNIX_MILLIS)));
    t.register(CommandSpec.fastRead("ttl", 2, 1, 1, 1, ctx -> ttl(ctx, false, false)));
    t.register(CommandSpec.fastRead("pttl", 2, 1, 1, 1, ctx -> ttl(ctx, true, false)));
    t.register(CommandSpec.read("expiretime", 2, 1, 1, 1, ctx -> ttl(ctx, false, true)));
    t.register(CommandSpec.read("pexpiretime", 2, 1, 1, 1, ctx -> ttl(ctx, true, true)));
    t.register(CommandSpec.write("persist", 2, 1, 1, 1, KeyCommands::persist));
    t.register(CommandSpec.write("rename", 3, 1, 2, 1, ctx -> rename(ctx, false)));
    t.register(CommandSpec.write("renamenx", 3, 1, 2, 1, ctx -> rename(ctx, true)));
    KeyspaceCommands.register(t);
  }

  private static Reply del(CommandContext ctx) {
    Keyspace ks = ctx.keyspace();
    long deleted = 0;
    for (int i = 1; i < ctx.args().size(); i++) {
      if (ks.delete(ctx.args().bytes(i))) {
        deleted++;
      }
    }
    return Reply.integer(deleted);
  }

  /** Counts every argument that names a live key, repeats included, as Redis does. */
  private static Reply exists(CommandContext ctx) {
    Keyspace ks = ctx.keyspace();
    long found = 0;
    for (int i = 1; i < ctx.args().size(); i++) {
      if (ks.meta(ctx.args().bytes(i)) != null) {
        found++;
      }
    }
    return Reply.integer(found);
  }

  private static Reply type(CommandContext ctx) {
    KeyMeta m = ctx.keyspace().meta(ctx.args().bytes(1));
    return m == null ? NONE : new Reply.Simple(m.type().redisName);
  }

  // ---- expiry ----

  /** The NX XX GT LT options of the EXPIRE family (Redis 7). */
  private record ExpireCondition(boolean nx, boolean xx, boolean gt, boolean lt) {
    static ExpireCondition parse(Args a, int from) {
      boolean nx = false;
      boolean xx = false;
      boolean gt = false;
      boolean lt = false;
      for (int i = from; i < a.size(); i++) {
        if (a.is(i, "NX")) {
          nx = true;
        } else if (a.is(i, "XX")) {
          xx = true;
        } else if (a.is(i, "GT")) {
          gt = true;
        } else if (a.is(i, "LT")) {
          lt = true;
        } else {
          throw RespException.err("Unsupported option " + a.string(i));
        }
      }
      if (nx && (xx || gt || lt)) {
        throw RespException.err("NX and XX, GT or LT options at the same time are not compatible");
      }
      if (gt && lt) {
        throw RespException.err("GT and LT options at the same time are not compatible");
      }
      return new ExpireCondition(nx, xx, gt, lt);
    }

    /** Whether the new expiry {@code when} may replace {@code current} (0: none, an infinite TTL). */
    boolean allows(long current, long when) {
      if (nx && current != 0) {
        return false;
      }
      if (xx && current == 0) {
        return false;
      }
      if (gt && (current == 0 || when <= current)) {
        return false; // no TTL counts as infinite: nothing is greater
      }
      return !lt || current == 0 || when < current;
    }
  }

  /** EXPIRE PEXPIRE EXPIREAT PEXPIREAT key time [NX|XX|GT|LT]: a time at or before now deletes the key. */
  private static Reply expire(CommandContext ctx, ExpireTimes.Kind kind) {
    Args a = ctx.args();
    Keyspace ks = ctx.keyspace();
    ExpireCondition condition = ExpireCondition.parse(a, 3);
    long when = ExpireTimes.any(a.bytes(2), kind, ks.now(), a.name());
    byte[] key = a.bytes(1);
    KeyMeta m = ks.meta(key);
    if (m == null || !condition.allows(m.expireAt(), when)) {
      return Reply.ZERO;
    }
    if (when <= ks.now()) {
      ks.delete(key);
    } else {
      ks.putMeta(key, m.withExpireAt(when));
    }
    return Reply.ONE;
  }

  /** TTL, PTTL, EXPIRETIME, PEXPIRETIME: -2 missing, -1 no expiry; seconds are rounded to the nearest. */
  private static Reply ttl(CommandContext ctx, boolean millis, boolean absolute) {
    Keyspace ks = ctx.keyspace();
    KeyMeta m = ks.meta(ctx.args().bytes(1));
    if (m == null) {
      return Reply.integer(-2);
    }
    if (!m.hasExpiry()) {
      return Reply.integer(-1);
    }
    long t = Math.max(0, absolute ? m.expireAt() : m.expireAt() - ks.now());
    return Reply.integer(millis ? t : (t + 500) / 1000);
  }

  private static Reply persist(CommandContext ctx) {
    Keyspace ks = ctx.keyspace();
    byte[] key = ctx.args().bytes(1);
    KeyMeta m = ks.meta(key);
    if (m == null || !m.hasExpiry()) {
      return Reply.ZERO;
    }
    ks.putMeta(key, m.withExpireAt(0));
    return Reply.ONE;
  }

  // ---- rename ----

  /**
   * RENAME and RENAMENX: the value and its expiry move to the new name, replacing what was there
   * (RENAMENX: unless something was). A collection's members are copied under a new version of
   * the new name, O(N); the old ones are reclaimed in the background.
   */
  private static Reply rename(CommandContext ctx, boolean nx) {
    Keyspace ks = ctx.keyspace();
    byte[] from = ctx.args().bytes(1);
    byte[] to = ctx.args().bytes(2);
    KeyMeta m = ks.meta(from);
    if (m == null) {
      throw RespException.noSuchKey();
    }
    if (Arrays.equals(from, to)) {
      return nx ? Reply.ZERO : Reply.OK;
    }
    if (nx && ks.meta(to) != null) {
      return Reply.ZERO;
    }
    KeyMeta moved = m.type().isCollection() ? copyMembers(ks, from, m, to) : m;
    ks.delete(from);
    ks.putMeta(to, moved);
    return nx ? Reply.ONE : Reply.OK;
  }

  /** Copies every member of the collection at {@code from} to a new version at {@code to}; returns its metadata. */
  private static KeyMeta copyMembers(Keyspace ks, byte[] from, KeyMeta m, byte[] to) {
    KeyMeta copy = ks.newCollection(m.type()).withHeadAndSize(m.head(), m.size()).withExpireAt(m.expireAt());
    for (byte space : Keyspace.memberSpaces(m.type())) {
      List<Keyspace.Member> members = new ArrayList<>();
      ks.members(space, from, m).forEachRemaining(members::add); // read all first: no writes while iterating
      for (Keyspace.Member member : members) {
        ks.putMember(space, to, copy, member.name(), member.value());
      }
    }
    return copy;
  }
}
