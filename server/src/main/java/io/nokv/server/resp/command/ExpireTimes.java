package io.nokv.server.resp.command;

import io.nokv.server.resp.protocol.RespException;

/**
 * Expiry times as Redis computes them from arguments: seconds or milliseconds, relative to now or
 * absolute, with Redis's overflow checks and its error text naming the command.
 */
final class ExpireTimes {
  private ExpireTimes() {}

  /** The unit and base of an expire argument. */
  enum Kind {
    /** EX, SETEX, EXPIRE: seconds from now. */
    SECONDS(true, false),
    /** PX, PSETEX, PEXPIRE: milliseconds from now. */
    MILLIS(false, false),
    /** EXAT, EXPIREAT: Unix seconds. */
    UNIX_SECONDS(true, true),
    /** PXAT, PEXPIREAT: Unix milliseconds. */
    UNIX_MILLIS(false, true);

    final boolean seconds;
    final boolean absolute;

    Kind(boolean seconds, boolean absolute) {
      this.seconds = seconds;
      this.absolute = absolute;
    }
  }

  /**
   * SET, SETEX, PSETEX and GETEX (Redis's getExpireMillisecondsOrReply): the time must be positive
   * and the absolute result must not overflow.
   *
   * @return the expiry as Unix milliseconds (may be in the past for EXAT/PXAT)
   * @throws RespException not an integer, or {@code ERR invalid expire time in 'cmd' command}
   */
  static long positive(byte[] arg, Kind kind, long nowMillis, String command) {
    long when = Args.parseLong(arg);
    if (when <= 0 || (kind.seconds && when > Long.MAX_VALUE / 1000)) {
      throw invalid(command);
    }
    if (kind.seconds) {
      when *= 1000;
    }
    if (!kind.absolute) {
      when += nowMillis; // both positive: an overflow wraps to a negative number
    }
    if (when <= 0) {
      throw invalid(command);
    }
    return when;
  }

  /**
   * EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT (Redis's expireGenericCommand): any integer, negative or
   * past times included (they delete the key); only overflows are refused.
   */
  static long any(byte[] arg, Kind kind, long nowMillis, String command) {
    long when = Args.parseLong(arg);
    if (kind.seconds) {
      if (when > Long.MAX_VALUE / 1000 || when < Long.MIN_VALUE / 1000) {
        throw invalid(command);
      }
      when *= 1000;
    }
    long base = kind.absolute ? 0 : nowMillis;
    if (when > Long.MAX_VALUE - base) {
      throw invalid(command);
    }
    return when + base;
  }

  static RespException invalid(String command) {
    return RespException.err("invalid expire time in '" + command + "' command");
  }
}
