package io.nokv.server.resp.command;

import io.nokv.server.resp.protocol.RespException;
import io.nokv.server.resp.command.ZRanges.LexRange;
import io.nokv.server.resp.command.ZRanges.ScoreRange;

/**
 * The parsed form of ZRANGE and its older spellings (ZREVRANGE, ZRANGEBYSCORE, ZREVRANGEBYSCORE,
 * ZRANGEBYLEX, ZREVRANGEBYLEX), checked in Redis 7's order: options (syntax, LIMIT integers),
 * then conflicting options, then the range itself; only then is the key looked at.
 *
 * @param limit -1: no limit (Redis's own sentinel, so {@code LIMIT 0 -1} is also no limit)
 */
record ZRangeQuery(Kind kind, boolean reverse, boolean withScores, long offset, long limit, long start, long stop,
    ScoreRange scores, LexRange lex) {

  /** What the range is of. */
  enum Kind {
    RANK,
    SCORE,
    LEX
  }

  /**
   * Parses {@code args} = command key min max [options]. {@code presetKind} (null for ZRANGE) and
   * {@code presetReverse} are what the older commands imply; an option repeating them is a syntax
   * error, as in Redis.
   */
  static ZRangeQuery parse(Args args, Kind presetKind, boolean presetReverse) {
    Kind kind = presetKind;
    boolean reverse = presetReverse;
    boolean reverseGiven = presetReverse;
    boolean withScores = false;
    long offset = 0;
    long limit = -1;
    for (int i = 4; i < args.size(); i++) {
      int left = args.size() - i - 1;
      if (args.is(i, "WITHSCORES")) {
        withScores = true;
      } else if (args.is(i, "LIMIT") && left >= 2) {
        offset = args.longAt(i + 1);
        limit = args.longAt(i + 2);
        i += 2;
      } else if (!reverseGiven && args.is(i, "REV")) {
        reverse = true;
        reverseGiven = true;
      } else if (kind == null && args.is(i, "BYLEX")) {
        kind = Kind.LEX;
      } else if (kind == null && args.is(i, "BYSCORE")) {
        kind = Kind.SCORE;
      } else {
        throw RespException.syntax();
      }
    }
    if (kind == null) {
      kind = Kind.RANK;
    }
    if (limit != -1 && kind == Kind.RANK) {
      throw RespException.err("syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX");
    }
    if (withScores && kind == Kind.LEX) {
      throw RespException.err("syntax error, WITHSCORES not supported in combination with BYLEX");
    }
    // score and lex ranges are written max first when reversed
    byte[] min = args.bytes(reverse && kind != Kind.RANK ? 3 : 2);
    byte[] max = args.bytes(reverse && kind != Kind.RANK ? 2 : 3);
    return switch (kind) {
      case RANK -> new ZRangeQuery(kind, reverse, withScores, offset, limit, args.longAt(2), args.longAt(3), null, null);
      case SCORE -> new ZRangeQuery(kind, reverse, withScores, offset, limit, 0, 0, ScoreRange.parse(min, max), null);
      case LEX -> new ZRangeQuery(kind, reverse, withScores, offset, limit, 0, 0, null, LexRange.parse(min, max));
    };
  }
}
