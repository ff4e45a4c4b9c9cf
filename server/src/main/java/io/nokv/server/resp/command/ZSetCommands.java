package io.nokv.server.resp.command;

import io.nokv.server.resp.command.CommandSpec.Flag;
import io.nokv.server.resp.command.ZRanges.LexRange;
import io.nokv.server.resp.command.ZRanges.ScoreRange;
import io.nokv.server.resp.protocol.Reply;
import io.nokv.server.resp.protocol.RespException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;

/**
 * Sorted-set commands that write: ZADD, ZINCRBY, ZREM, ZPOPMIN, ZPOPMAX, ZREMRANGEBYSCORE,
 * ZREMRANGEBYRANK, ZREMRANGEBYLEX; registers the reading ones of {@link ZSetReads} too. Each
 * parses and checks all its arguments before its first write, and ends with {@link ZSet#save()}
 * when it changed anything. The encoding is described in {@link ZSet}.
 */
final class ZSetCommands {
  private ZSetCommands() {}

  static void register(CommandTable t) {
    t.register(fastWrite("zadd", -4, ZSetCommands::zadd));
    t.register(fastWrite("zincrby", 4, ZSetCommands::zincrby));
    t.register(fastWrite("zrem", -3, ZSetCommands::zrem));
    t.register(fastWrite("zpopmin", -2, ctx -> zpop(ctx, false)));
    t.register(fastWrite("zpopmax", -2, ctx -> zpop(ctx, true)));
    t.register(CommandSpec.write("zremrangebyscore", 4, 1, 1, 1, ctx -> removeRange(ctx,
        ZSetReads.scoreQuery(ScoreRange.parse(ctx.args().bytes(2), ctx.args().bytes(3))))));
    t.register(CommandSpec.write("zremrangebylex", 4, 1, 1, 1, ctx -> removeRange(ctx,
        ZSetReads.lexQuery(LexRange.parse(ctx.args().bytes(2), ctx.args().bytes(3))))));
    t.register(CommandSpec.write("zremrangebyrank", 4, 1, 1, 1, ctx -> removeRange(ctx,
        ZSetReads.rankQuery(ctx.args().longAt(2), ctx.args().longAt(3)))));
    ZSetReads.register(t);
  }

  private static CommandSpec fastWrite(String name, int arity, CommandHandler h) {
    return new CommandSpec(name, arity, EnumSet.of(Flag.WRITE, Flag.FAST), 1, 1, 1, h);
  }

  /** ZADD's options. */
  private record AddFlags(boolean nx, boolean xx, boolean gt, boolean lt, boolean ch, boolean incr) {}

  /** ZADD key [NX|XX] [GT|LT] [CH] [INCR] score member [score member ...], checked in Redis's order. */
  private static Reply zadd(CommandContext ctx) {
    Args a = ctx.args();
    boolean nx = false, xx = false, gt = false, lt = false, ch = false, incr = false;
    int first = 2;
    for (; first < a.size(); first++) {
      if (a.is(first, "NX")) {
        nx = true;
      } else if (a.is(first, "XX")) {
        xx = true;
      } else if (a.is(first, "GT")) {
        gt = true;
      } else if (a.is(first, "LT")) {
        lt = true;
      } else if (a.is(first, "CH")) {
        ch = true;
      } else if (a.is(first, "INCR")) {
        incr = true;
      } else {
        break;
      }
    }
    int rest = a.size() - first;
    if (rest == 0 || rest % 2 != 0) {
      throw RespException.syntax();
    }
    if (nx && xx) {
      throw RespException.err("XX and NX options at the same time are not compatible");
    }
    if ((gt && nx) || (lt && nx) || (gt && lt)) {
      throw RespException.err("GT, LT, and/or NX options at the same time are not compatible");
    }
    int pairs = rest / 2;
    if (incr && pairs > 1) {
      throw RespException.err("INCR option supports a single increment-element pair");
    }
    double[] scores = new double[pairs];
    for (int j = 0; j < pairs; j++) {
      scores[j] = a.doubleAt(first + 2 * j);
    }
    return add(ctx, new AddFlags(nx, xx, gt, lt, ch, incr), first, scores);
  }

  private static Reply add(CommandContext ctx, AddFlags f, int first, double[] scores) {
    byte[] key = ctx.args().bytes(1);
    ZSet z = ZSet.open(ctx.keyspace(), key);
    if (z == null && f.xx()) {
      return f.incr() ? Reply.NULL : Reply.ZERO;
    }
    if (z == null) {
      z = ZSet.openOrCreate(ctx.keyspace(), key);
    }
    long added = 0;
    long updated = 0;
    boolean processed = false;
    double last = 0;
    for (int j = 0; j < scores.length; j++) {
      byte[] member = ctx.args().bytes(first + 2 * j + 1);
      Double old = z.score(member);
      double score = scores[j];
      if (old == null) {
        if (f.xx()) {
          continue;
        }
        z.put(member, null, score);
        added++;
      } else {
        if (f.nx()) {
          continue;
        }
        if (f.incr()) {
          score = incremented(old, score); // a single pair: nothing is written yet when this fails
        }
        if ((f.lt() && score >= old) || (f.gt() && score <= old)) {
          continue;
        }
        if (score != old) {
          z.put(member, old, score);
          updated++;
        }
      }
      processed = true;
      last = score;
    }
    if (added + updated > 0) {
      z.save();
    }
    if (f.incr()) {
      return processed ? new Reply.Double(last) : Reply.NULL;
    }
    return Reply.integer(f.ch() ? added + updated : added);
  }

  private static double incremented(double score, double by) {
    double r = score + by;
    if (Double.isNaN(r)) {
      throw RespException.err("resulting score is not a number (NaN)");
    }
    return r;
  }

  private static Reply zincrby(CommandContext ctx) {
    double by = ctx.args().doubleAt(2);
    byte[] member = ctx.args().bytes(3);
    ZSet z = ZSet.openOrCreate(ctx.keyspace(), ctx.args().bytes(1));
    Double old = z.score(member);
    double score = old == null ? by : incremented(old, by);
    if (old == null || score != old) {
      z.put(member, old, score);
      z.save();
    }
    return new Reply.Double(score);
  }

  private static Reply zrem(CommandContext ctx) {
    ZSet z = ZSet.open(ctx.keyspace(), ctx.args().bytes(1));
    if (z == null) {
      return Reply.ZERO;
    }
    long removed = 0;
    for (int i = 2; i < ctx.args().size(); i++) {
      byte[] member = ctx.args().bytes(i);
      Double s = z.score(member);
      if (s != null) {
        z.remove(member, s);
        removed++;
      }
    }
    if (removed > 0) {
      z.save();
    }
    return Reply.integer(removed);
  }

  /**
   * ZPOPMIN/ZPOPMAX key [count]. Without a count the reply is one flat [member, score] pair; with
   * one, a list of pairs (nested in RESP3, flat in RESP2), as in Redis 7.
   */
  private static Reply zpop(CommandContext ctx, boolean max) {
    Args a = ctx.args();
    if (a.size() > 3) {
      throw RespException.syntax();
    }
    boolean hasCount = a.size() == 3;
    long count = hasCount ? positiveCount(a.bytes(2)) : 1;
    ZSet z = ZSet.open(ctx.keyspace(), a.bytes(1));
    if (z == null || count == 0) {
      return Reply.EMPTY_ARRAY;
    }
    List<ZSet.Entry> popped = new ArrayList<>();
    Iterator<ZSet.Entry> it = z.byRank(max);
    while (popped.size() < count && it.hasNext()) {
      popped.add(it.next());
    }
    for (ZSet.Entry e : popped) {
      z.remove(e.member(), e.score());
    }
    z.save();
    if (!hasCount) {
      ZSet.Entry e = popped.get(0);
      return Reply.array(new Reply.Bulk(e.member()), new Reply.Double(e.score()));
    }
    return ZSetReads.scored(popped, true, ctx.session().protocol());
  }

  /** A count argument that must be a non-negative integer (Redis's getPositiveLongFromObject). */
  static long positiveCount(byte[] arg) {
    Long v = Args.tryParseLong(arg);
    if (v == null || v < 0) {
      throw RespException.err("value is out of range, must be positive");
    }
    return v;
  }

  /** ZREMRANGEBYSCORE, ZREMRANGEBYLEX, ZREMRANGEBYRANK: removes what {@code q} selects. */
  private static Reply removeRange(CommandContext ctx, ZRangeQuery q) {
    ZSet z = ZSet.open(ctx.keyspace(), ctx.args().bytes(1));
    if (z == null) {
      return Reply.ZERO;
    }
    List<ZSet.Entry> doomed = ZSetReads.select(z, q); // collected first: no writes while scanning
    for (ZSet.Entry e : doomed) {
      z.remove(e.member(), e.score());
    }
    if (!doomed.isEmpty()) {
      z.save();
    }
    return Reply.integer(doomed.size());
  }
}
