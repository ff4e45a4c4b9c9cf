package io.nokv.server.resp.command;

import io.nokv.server.resp.protocol.RespException;

/**
 * The options of SET ({@code NX XX GET KEEPTTL EX PX EXAT PXAT}) and GETEX ({@code EX PX EXAT PXAT
 * PERSIST}), parsed with the rules of Redis 7.0's parseExtendedStringArgumentsOrReply: an option
 * that conflicts with one already given (NX with XX, KEEPTTL or PERSIST with an expiry, two
 * different expiry kinds) or that the command does not take is a syntax error; the same expiry
 * option twice is allowed, the last one wins.
 *
 * @param expireKind null when no expiry option was given
 * @param expireArg the expiry option's argument, validated later ({@link #expireAt})
 */
record StringOptions(boolean nx, boolean xx, boolean get, boolean keepTtl, boolean persist,
    ExpireTimes.Kind expireKind, byte[] expireArg) {

  /** Parses {@code args[from..]}; {@code forSet} picks SET's options, else GETEX's. */
  static StringOptions parse(Args args, int from, boolean forSet) {
    boolean nx = false;
    boolean xx = false;
    boolean get = false;
    boolean keepTtl = false;
    boolean persist = false;
    ExpireTimes.Kind kind = null;
    byte[] arg = null;
    for (int i = from; i < args.size(); i++) {
      boolean hasNext = i + 1 < args.size();
      if (forSet && args.is(i, "NX") && !xx) {
        nx = true;
      } else if (forSet && args.is(i, "XX") && !nx) {
        xx = true;
      } else if (forSet && args.is(i, "GET")) {
        get = true;
      } else if (forSet && args.is(i, "KEEPTTL") && kind == null) {
        keepTtl = true;
      } else if (!forSet && args.is(i, "PERSIST") && kind == null) {
        persist = true;
      } else {
        ExpireTimes.Kind k = expiryOption(args, i);
        if (k == null || !hasNext || keepTtl || persist || (kind != null && kind != k)) {
          throw RespException.syntax();
        }
        kind = k;
        arg = args.bytes(++i);
      }
    }
    return new StringOptions(nx, xx, get, keepTtl, persist, kind, arg);
  }

  private static ExpireTimes.Kind expiryOption(Args args, int i) {
    if (args.is(i, "EX")) {
      return ExpireTimes.Kind.SECONDS;
    }
    if (args.is(i, "PX")) {
      return ExpireTimes.Kind.MILLIS;
    }
    if (args.is(i, "EXAT")) {
      return ExpireTimes.Kind.UNIX_SECONDS;
    }
    if (args.is(i, "PXAT")) {
      return ExpireTimes.Kind.UNIX_MILLIS;
    }
    return null;
  }

  boolean hasExpiry() {
    return expireKind != null;
  }

  /** The expiry the options ask for, Unix milliseconds; 0 when none. */
  long expireAt(long nowMillis, String command) {
    return expireKind == null ? 0 : ExpireTimes.positive(expireArg, expireKind, nowMillis, command);
  }
}
