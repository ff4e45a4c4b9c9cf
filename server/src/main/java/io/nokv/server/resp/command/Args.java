package io.nokv.server.resp.command;

import io.nokv.server.resp.protocol.RespDoubles;
import io.nokv.server.resp.protocol.RespException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/** The arguments of one command, index 0 being the command name as sent. */
public final class Args {
  private final byte[][] args;

  public Args(byte[][] args) {
    if (args.length == 0) {
      throw new IllegalArgumentException("a command has at least its name");
    }
    this.args = args;
  }

  public static Args of(String... args) {
    byte[][] raw = new byte[args.length][];
    for (int i = 0; i < args.length; i++) {
      raw[i] = args[i].getBytes(StandardCharsets.UTF_8);
    }
    return new Args(raw);
  }

  /** The command name, lower case. */
  public String name() {
    return string(0).toLowerCase(Locale.ROOT);
  }

  /** The number of arguments including the command name. */
  public int size() {
    return args.length;
  }

  public byte[] bytes(int i) {
    return args[i];
  }

  /** Arguments {@code from} (inclusive) to {@code to} (exclusive). */
  public byte[][] range(int from, int to) {
    return Arrays.copyOfRange(args, from, to);
  }

  public String string(int i) {
    return new String(args[i], StandardCharsets.UTF_8);
  }

  /** Whether argument {@code i} is {@code word}, ignoring case (options such as NX, WITHSCORES). */
  public boolean is(int i, String word) {
    byte[] a = args[i];
    if (a.length != word.length()) {
      return false;
    }
    for (int k = 0; k < a.length; k++) {
      if (Character.toUpperCase((char) (a[k] & 0xff)) != Character.toUpperCase(word.charAt(k))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Argument {@code i} as a 64-bit integer, with Redis's strictness (no spaces, no leading '+',
   * no leading zeros).
   *
   * @throws RespException {@code ERR value is not an integer or out of range}
   */
  public long longAt(int i) {
    return parseLong(args[i]);
  }

  /** Argument {@code i} as a non-negative int, for counts. */
  public int intAt(int i) {
    long v = longAt(i);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw RespException.notInteger();
    }
    return (int) v;
  }

  /** Argument {@code i} as a double (scores, increments). */
  public double doubleAt(int i) {
    return RespDoubles.parse(args[i]);
  }

  /** Parses a Redis integer; the rules of Redis's string2ll. */
  public static long parseLong(byte[] s) {
    Long v = tryParseLong(s);
    if (v == null) {
      throw RespException.notInteger();
    }
    return v;
  }

  /** The integer {@code s} spells exactly, or null. */
  public static Long tryParseLong(byte[] s) {
    int n = s.length;
    if (n == 0 || n > 20) {
      return null;
    }
    if (n == 1 && s[0] == '0') {
      return 0L;
    }
    int i = 0;
    boolean negative = false;
    if (s[0] == '-') {
      negative = true;
      i = 1;
      if (n == 1) {
        return null;
      }
    }
    if (s[i] < '1' || s[i] > '9') {
      return null;
    }
    long v = 0; // accumulated negatively so that Long.MIN_VALUE parses
    for (; i < n; i++) {
      int d = s[i] - '0';
      if (d < 0 || d > 9) {
        return null;
      }
      if (v < (Long.MIN_VALUE + d) / 10) {
        return null;
      }
      v = v * 10 - d;
    }
    if (!negative) {
      if (v == Long.MIN_VALUE) {
        return null;
      }
      return -v;
    }
    return v;
  }
}
