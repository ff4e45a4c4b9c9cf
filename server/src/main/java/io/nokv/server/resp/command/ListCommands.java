package io.nokv.server.resp.command;

import io.nokv.server.resp.command.CommandSpec.Flag;
import io.nokv.server.resp.protocol.Reply;
import io.nokv.server.resp.protocol.RespException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;

/**
 * List commands: LPUSH RPUSH LPUSHX RPUSHX LPOP RPOP LLEN LRANGE LINDEX LSET LREM LTRIM, with Redis
 * 7's replies and its order of checks (which argument errors come before the key is looked at).
 * The encoding is described in {@link RedisList}.
 */
final class ListCommands {
  private ListCommands() {}

  static void register(CommandTable t) {
    t.register(fastWrite("lpush", -3, ctx -> push(ctx, true, false)));
    t.register(fastWrite("rpush", -3, ctx -> push(ctx, false, false)));
    t.register(fastWrite("lpushx", -3, ctx -> push(ctx, true, true)));
    t.register(fastWrite("rpushx", -3, ctx -> push(ctx, false, true)));
    t.register(fastWrite("lpop", -2, ctx -> pop(ctx, false)));
    t.register(fastWrite("rpop", -2, ctx -> pop(ctx, true)));
    t.register(new CommandSpec("llen", 2, EnumSet.of(Flag.READONLY, Flag.FAST), 1, 1, 1, ctx -> {
      RedisList l = RedisList.open(ctx.keyspace(), ctx.args().bytes(1));
      return Reply.integer(l == null ? 0 : l.size());
    }));
    t.register(CommandSpec.read("lrange", 4, 1, 1, 1, ListCommands::lrange));
    t.register(CommandSpec.fastRead("lindex", 3, 1, 1, 1, ListCommands::lindex));
    t.register(CommandSpec.write("lset", 4, 1, 1, 1, ListCommands::lset));
    t.register(CommandSpec.write("lrem", 4, 1, 1, 1, ListCommands::lrem));
    t.register(CommandSpec.write("ltrim", 4, 1, 1, 1, ListCommands::ltrim));
  }

  private static CommandSpec fastWrite(String name, int arity, CommandHandler h) {
    return new CommandSpec(name, arity, EnumSet.of(Flag.WRITE, Flag.FAST), 1, 1, 1, h);
  }

  /** LPUSH/RPUSH key element...: each element in turn, so LPUSH a b c leaves c b a; the X forms need the key. */
  private static Reply push(CommandContext ctx, boolean atHead, boolean onlyIfExists) {
    byte[] key = ctx.args().bytes(1);
    RedisList l = onlyIfExists ? RedisList.open(ctx.keyspace(), key) : RedisList.openOrCreate(ctx.keyspace(), key);
    if (l == null) {
      return Reply.ZERO;
    }
    for (int i = 2; i < ctx.args().size(); i++) {
      if (atHead) {
        l.pushHead(ctx.args().bytes(i));
      } else {
        l.pushTail(ctx.args().bytes(i));
      }
    }
    l.save();
    return Reply.integer(l.size());
  }

  /**
   * LPOP/RPOP key [count]: without a count a bulk string or nil; with one an array, the null
   * array for a missing key, an empty array for count 0.
   */
  private static Reply pop(CommandContext ctx, boolean fromTail) {
    Args a = ctx.args();
    if (a.size() > 3) {
      throw RespException.wrongArity(a.name());
    }
    boolean hasCount = a.size() == 3;
    long count = hasCount ? ZSetCommands.positiveCount(a.bytes(2)) : 1;
    RedisList l = RedisList.open(ctx.keyspace(), a.bytes(1));
    if (l == null) {
      return hasCount ? Reply.NULL_ARRAY : Reply.NULL;
    }
    if (count == 0) {
      return Reply.EMPTY_ARRAY;
    }
    List<byte[]> popped = l.pop(count, fromTail);
    l.save();
    return hasCount ? Reply.bulks(popped) : Reply.bulk(popped.get(0));
  }

  private static Reply lrange(CommandContext ctx) {
    long start = ctx.args().longAt(2);
    long stop = ctx.args().longAt(3);
    RedisList l = RedisList.open(ctx.keyspace(), ctx.args().bytes(1));
    if (l == null) {
      return Reply.EMPTY_ARRAY;
    }
    IndexSlice s = IndexSlice.of(start, stop, l.size());
    List<byte[]> out = new ArrayList<>();
    if (!s.isEmpty()) {
      l.range(s.first(), s.count(), false).forEachRemaining(out::add);
    }
    return Reply.bulks(out);
  }

  private static Reply lindex(CommandContext ctx) {
    RedisList l = RedisList.open(ctx.keyspace(), ctx.args().bytes(1));
    if (l == null) {
      return Reply.NULL;
    }
    long i = ctx.args().longAt(2);
    i = i < 0 ? l.size() + i : i;
    return i < 0 || i >= l.size() ? Reply.NULL : Reply.bulk(l.get(i));
  }

  private static Reply lset(CommandContext ctx) {
    RedisList l = RedisList.open(ctx.keyspace(), ctx.args().bytes(1));
    if (l == null) {
      throw RespException.noSuchKey();
    }
    long i = ctx.args().longAt(2);
    i = i < 0 ? l.size() + i : i;
    if (i < 0 || i >= l.size()) {
      throw RespException.err("index out of range");
    }
    l.set(i, ctx.args().bytes(3));
    l.save();
    return Reply.OK;
  }

  /**
   * LREM key count element: count > 0 removes the first count matches, count < 0 the last,
   * 0 all. Reads the whole list (O(N)); rewrites only the elements that move: those after the
   * first removed one (count >= 0, the tail closes up) or before the last removed one (count < 0,
   * the head moves up), and deletes the slots left over.
   */
  private static Reply lrem(CommandContext ctx) {
    long count = ctx.args().longAt(2);
    byte[] element = ctx.args().bytes(3);
    RedisList l = RedisList.open(ctx.keyspace(), ctx.args().bytes(1));
    if (l == null) {
      return Reply.ZERO;
    }
    List<byte[]> all = new ArrayList<>();
    l.range(0, l.size(), false).forEachRemaining(all::add); // collected first: no writes while scanning
    int size = all.size();
    boolean[] removed = new boolean[size];
    long limit = count == 0 || count == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(count);
    int n = 0;
    int edge = -1; // the first removed (count >= 0) or the last removed (count < 0)
    for (int k = 0; k < size && n < limit; k++) {
      int i = count >= 0 ? k : size - 1 - k;
      if (Arrays.equals(all.get(i), element)) {
        removed[i] = true;
        edge = n == 0 ? i : edge;
        n++;
      }
    }
    if (n == 0) {
      return Reply.ZERO;
    }
    if (count >= 0) {
      int w = edge;
      for (int i = edge; i < size; i++) {
        if (!removed[i]) {
          l.set(w++, all.get(i));
        }
      }
      for (int i = w; i < size; i++) {
        l.clear(i);
      }
      l.shrinkTail(n);
    } else {
      int w = edge;
      for (int i = edge; i >= 0; i--) {
        if (!removed[i]) {
          l.set(w--, all.get(i));
        }
      }
      for (int i = 0; i <= w; i++) {
        l.clear(i);
      }
      l.advanceHead(n);
    }
    l.save();
    return Reply.integer(n);
  }

  /** LTRIM key start stop: deletes the elements outside the range, O(removed), reading none of them. */
  private static Reply ltrim(CommandContext ctx) {
    long start = ctx.args().longAt(2);
    long stop = ctx.args().longAt(3);
    RedisList l = RedisList.open(ctx.keyspace(), ctx.args().bytes(1));
    if (l == null) {
      return Reply.OK;
    }
    long size = l.size();
    IndexSlice s = IndexSlice.of(start, stop, size);
    if (s.isEmpty()) {
      l.shrinkTail(size); // the key goes; its members are reclaimed with its version
    } else {
      for (long i = 0; i < s.first(); i++) {
        l.clear(i);
      }
      for (long i = s.first() + s.count(); i < size; i++) {
        l.clear(i);
      }
      l.shrinkTail(size - s.first() - s.count());
      l.advanceHead(s.first());
    }
    l.save(); // also when nothing was trimmed: Redis signals the key as modified either way
    return Reply.OK;
  }
}
