package io.nokv.server.resp.command;

import io.nokv.server.resp.protocol.RespDoubles;
import io.nokv.server.resp.protocol.RespException;
import io.nokv.server.resp.store.RespKeys;
import java.util.Arrays;

/**
 * The ranges of sorted-set commands, parsed as Redis parses them and turned into the half-open
 * byte bounds that {@link ZSet}'s scans take.
 */
final class ZRanges {
  private ZRanges() {}

  /**
   * A score range: {@code min} and {@code max}, each exclusive when written with a leading
   * {@code (}; {@code -inf}, {@code +inf} and {@code inf} are allowed.
   */
  record ScoreRange(double min, boolean minExclusive, double max, boolean maxExclusive) {
    /**
     * Parses ZRANGEBYSCORE-style bounds.
     *
     * @throws RespException {@code ERR min or max is not a float}
     */
    static ScoreRange parse(byte[] min, byte[] max) {
      try {
        boolean minEx = min.length > 0 && min[0] == '(';
        boolean maxEx = max.length > 0 && max[0] == '(';
        double lo = bound(minEx ? Arrays.copyOfRange(min, 1, min.length) : min);
        double hi = bound(maxEx ? Arrays.copyOfRange(max, 1, max.length) : max);
        return new ScoreRange(lo, minEx, hi, maxEx);
      } catch (RespException e) {
        throw RespException.err("min or max is not a float");
      }
    }

    /** Redis reads a bound with strtod, to which an empty string is 0: so {@code (} alone is "above 0". */
    private static double bound(byte[] text) {
      return text.length == 0 ? 0.0 : RespDoubles.parse(text);
    }

    /** Whether no score can be in the range (Redis answers such ranges with nothing, not an error). */
    boolean isEmpty() {
      return min > max || (min == max && (minExclusive || maxExclusive));
    }

    /** The inclusive lower bound of the range's score keys in {@link RespKeys#ZSET_SCORE}. */
    byte[] from() {
      byte[] s = RespKeys.sortableDouble(min);
      return minExclusive ? RespKeys.prefixEnd(s) : s;
    }

    /** The exclusive upper bound of the range's score keys; null: open. */
    byte[] to() {
      byte[] s = RespKeys.sortableDouble(max);
      return maxExclusive ? s : RespKeys.prefixEnd(s);
    }
  }

  /**
   * A lex range as member bounds {@code [from, to)} (null: open); {@code empty} when nothing can be
   * in it (a min of {@code +}, a max of {@code -}, or bounds that cross).
   */
  record LexRange(byte[] from, byte[] to, boolean empty) {
    /**
     * Parses ZRANGEBYLEX-style bounds: {@code [x} inclusive, {@code (x} exclusive, {@code -} and
     * {@code +} the smallest and largest strings.
     *
     * @throws RespException {@code ERR min or max not valid string range item}
     */
    static LexRange parse(byte[] min, byte[] max) {
      if (!valid(min) || !valid(max)) {
        throw RespException.err("min or max not valid string range item");
      }
      boolean empty = isPlus(min) || isMinus(max);
      byte[] from = isMinus(min) || isPlus(min) ? null : bound(min, min[0] == '(');
      byte[] to = isPlus(max) || isMinus(max) ? null : bound(max, max[0] == '[');
      if (from != null && to != null && Arrays.compareUnsigned(from, to) >= 0) {
        empty = true;
      }
      return new LexRange(from, to, empty);
    }

    /** The value of {@code [x} or {@code (x}, moved past x itself when {@code past}. */
    private static byte[] bound(byte[] item, boolean past) {
      byte[] v = Arrays.copyOfRange(item, 1, item.length);
      return past ? ZSet.successor(v) : v;
    }

    private static boolean valid(byte[] item) {
      return item.length > 0 && (item[0] == '[' || item[0] == '(' || isPlus(item) || isMinus(item));
    }

    private static boolean isPlus(byte[] item) {
      return item.length == 1 && item[0] == '+';
    }

    private static boolean isMinus(byte[] item) {
      return item.length == 1 && item[0] == '-';
    }
  }
}
