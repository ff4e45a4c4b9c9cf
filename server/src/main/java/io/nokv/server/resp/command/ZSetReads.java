package io.nokv.server.resp.command;

import io.nokv.server.resp.command.CommandSpec.Flag;
import io.nokv.server.resp.command.ZRangeQuery.Kind;
import io.nokv.server.resp.command.ZRanges.LexRange;
import io.nokv.server.resp.command.ZRanges.ScoreRange;
import io.nokv.server.resp.protocol.Reply;
import io.nokv.server.resp.protocol.RespDoubles;
import io.nokv.server.resp.store.RedisType;
import io.nokv.server.resp.store.RespKeys;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The sorted-set commands that only read: ZSCORE, ZMSCORE, ZCARD, ZRANK, ZREVRANK, the ZRANGE
 * family, ZCOUNT, ZLEXCOUNT and ZSCAN. See {@link ZSet} for the encoding and {@link ZSetCommands}
 * for the writes.
 */
final class ZSetReads {
  private ZSetReads() {}

  static void register(CommandTable t) {
    t.register(fast("zscore", 3, ZSetReads::zscore));
    t.register(fast("zmscore", -3, ZSetReads::zmscore));
    t.register(fast("zcard", 2, ctx -> {
      ZSet z = ZSet.open(ctx.keyspace(), ctx.args().bytes(1));
      return Reply.integer(z == null ? 0 : z.size());
    }));
    t.register(CommandSpec.read("zrank", 3, 1, 1, 1, ctx -> zrank(ctx, false)));
    t.register(CommandSpec.read("zrevrank", 3, 1, 1, 1, ctx -> zrank(ctx, true)));
    t.register(range("zrange", null, false));
    t.register(range("zrevrange", Kind.RANK, true));
    t.register(range("zrangebyscore", Kind.SCORE, false));
    t.register(range("zrevrangebyscore", Kind.SCORE, true));
    t.register(range("zrangebylex", Kind.LEX, false));
    t.register(range("zrevrangebylex", Kind.LEX, true));
    t.register(CommandSpec.read("zcount", 4, 1, 1, 1, ctx -> {
      ScoreRange r = ScoreRange.parse(ctx.args().bytes(2), ctx.args().bytes(3));
      ZSet z = ZSet.open(ctx.keyspace(), ctx.args().bytes(1));
      return Reply.integer(z == null ? 0 : count(z, scoreQuery(r)));
    }));
    t.register(CommandSpec.read("zlexcount", 4, 1, 1, 1, ctx -> {
      LexRange r = LexRange.parse(ctx.args().bytes(2), ctx.args().bytes(3));
      ZSet z = ZSet.open(ctx.keyspace(), ctx.args().bytes(1));
      return Reply.integer(z == null ? 0 : count(z, lexQuery(r)));
    }));
    t.register(CommandSpec.read("zscan", -3, 1, 1, 1, ZSetReads::zscan));
  }

  private static CommandSpec fast(String name, int arity, CommandHandler h) {
    return new CommandSpec(name, arity, EnumSet.of(Flag.READONLY, Flag.FAST), 1, 1, 1, h);
  }

  private static CommandSpec range(String name, Kind kind, boolean reverse) {
    return CommandSpec.read(name, -4, 1, 1, 1, ctx -> {
      ZRangeQuery q = ZRangeQuery.parse(ctx.args(), kind, reverse);
      ZSet z = ZSet.open(ctx.keyspace(), ctx.args().bytes(1));
      if (z == null) {
        return Reply.EMPTY_ARRAY;
      }
      return scored(select(z, q), q.withScores(), ctx.session().protocol());
    });
  }

  private static Reply zscore(CommandContext ctx) {
    ZSet z = ZSet.open(ctx.keyspace(), ctx.args().bytes(1));
    Double s = z == null ? null : z.score(ctx.args().bytes(2));
    return s == null ? Reply.NULL : new Reply.Double(s);
  }

  private static Reply zmscore(CommandContext ctx) {
    ZSet z = ZSet.open(ctx.keyspace(), ctx.args().bytes(1));
    List<Reply> out = new ArrayList<>(ctx.args().size() - 2);
    for (int i = 2; i < ctx.args().size(); i++) {
      Double s = z == null ? null : z.score(ctx.args().bytes(i));
      out.add(s == null ? Reply.NULL : new Reply.Double(s));
    }
    return Reply.array(out);
  }

  /** ZRANK and ZREVRANK: O(rank) here, as the score index keeps no counts. */
  private static Reply zrank(CommandContext ctx, boolean reverse) {
    ZSet z = ZSet.open(ctx.keyspace(), ctx.args().bytes(1));
    byte[] member = ctx.args().bytes(2);
    Double s = z == null ? null : z.score(member);
    return s == null ? Reply.NULL : Reply.integer(z.rank(member, s, reverse));
  }

  /** A query for every member with a score in {@code r}, in order. */
  static ZRangeQuery scoreQuery(ScoreRange r) {
    return new ZRangeQuery(Kind.SCORE, false, false, 0, -1, 0, 0, r, null);
  }

  /** A query for every member in the lex range {@code r}, in order. */
  static ZRangeQuery lexQuery(LexRange r) {
    return new ZRangeQuery(Kind.LEX, false, false, 0, -1, 0, 0, null, r);
  }

  /** A query for the members ranked {@code start..stop} (Redis's index rules). */
  static ZRangeQuery rankQuery(long start, long stop) {
    return new ZRangeQuery(Kind.RANK, false, false, 0, -1, start, stop, null, null);
  }

  /** The members {@code q} selects, in its order. */
  static List<ZSet.Entry> select(ZSet z, ZRangeQuery q) {
    List<ZSet.Entry> out = new ArrayList<>();
    forEach(z, q, out::add);
    return out;
  }

  /** How many members {@code q} selects (without holding them). */
  static long count(ZSet z, ZRangeQuery q) {
    long[] n = {0};
    forEach(z, q, e -> n[0]++);
    return n[0];
  }

  private static void forEach(ZSet z, ZRangeQuery q, Consumer<ZSet.Entry> sink) {
    switch (q.kind()) {
      case RANK -> {
        IndexSlice s = IndexSlice.of(q.start(), q.stop(), z.size());
        if (!s.isEmpty()) {
          page(z.byRank(q.reverse()), s.first(), s.count(), sink);
        }
      }
      case SCORE -> {
        ScoreRange r = q.scores();
        if (!r.isEmpty()) {
          page(z.byScore(r.from(), r.to(), q.reverse()), q.offset(), q.limit(), sink);
        }
      }
      case LEX -> {
        LexRange r = q.lex();
        if (!r.empty()) {
          page(z.byLex(r.from(), r.to(), q.reverse()), q.offset(), q.limit(), sink);
        }
      }
    }
  }

  /** Skips {@code offset} entries (a negative offset: everything, as Redis), then takes up to {@code limit} (negative: all). */
  private static void page(Iterator<ZSet.Entry> it, long offset, long limit, Consumer<ZSet.Entry> sink) {
    if (offset < 0) {
      return;
    }
    for (long i = 0; i < offset && it.hasNext(); i++) {
      it.next();
    }
    for (long n = 0; (limit < 0 || n < limit) && it.hasNext(); n++) {
      sink.accept(it.next());
    }
  }

  /**
   * Members, with their scores when asked: a flat array (member, score, ...) in RESP2; in RESP3 an
   * array of [member, score] pairs, as Redis 7 answers.
   */
  static Reply scored(List<ZSet.Entry> entries, boolean withScores, int protocol) {
    List<Reply> out = new ArrayList<>(entries.size() * (withScores && protocol < 3 ? 2 : 1));
    for (ZSet.Entry e : entries) {
      if (!withScores) {
        out.add(new Reply.Bulk(e.member()));
      } else if (protocol >= 3) {
        out.add(Reply.array(new Reply.Bulk(e.member()), new Reply.Double(e.score())));
      } else {
        out.add(new Reply.Bulk(e.member()));
        out.add(new Reply.Double(e.score()));
      }
    }
    return Reply.array(out);
  }

  /**
   * ZSCAN key cursor [MATCH pattern] [COUNT count]: COUNT members examined per call, in member
   * order; the cursor names the next member, so each member present for the whole scan is
   * returned exactly once. Scores are bulk strings in both protocols, as in Redis.
   */
  private static Reply zscan(CommandContext ctx) {
    return CollectionScan.scan(ctx, RedisType.ZSET, RespKeys.ZSET_MEMBER,
        score -> RespDoubles.format(ByteBuffer.wrap(score).getDouble()).getBytes(StandardCharsets.US_ASCII));
  }

}
