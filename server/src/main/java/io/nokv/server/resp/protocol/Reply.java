package io.nokv.server.resp.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A reply to one command, independent of the protocol version: {@link ReplyEncoder} writes it as
 * RESP2 or RESP3 for the connection (a map is a flat array in RESP2, a double a bulk string, ...).
 */
public sealed interface Reply {
  Reply OK = new Simple("OK");
  Reply QUEUED = new Simple("QUEUED");
  Reply PONG = new Simple("PONG");
  Reply ZERO = new Int(0);
  Reply ONE = new Int(1);
  Reply EMPTY_ARRAY = new Array(List.of());

  /** {@code +text}; the text must not contain CR or LF. */
  record Simple(String text) implements Reply {}

  /** {@code -message}: the whole message including its code, e.g. {@code "ERR syntax error"}. */
  record Error(String message) implements Reply {}

  record Int(long value) implements Reply {}

  record Bulk(byte[] bytes) implements Reply {}

  /** RESP3 {@code ,}; RESP2 a bulk string formatted as Redis does ({@link RespDoubles#format}). */
  record Double(double value) implements Reply {}

  /** RESP3 {@code #t}/{@code #f}; RESP2 {@code :1}/{@code :0}. */
  record Bool(boolean value) implements Reply {}

  record Array(List<Reply> items) implements Reply {}

  /** RESP3 {@code %}; RESP2 an array of key, value, key, value... */
  record Map(List<Reply> keysAndValues) implements Reply {}

  /** RESP3 {@code ~}; RESP2 an array. */
  record Set(List<Reply> items) implements Reply {}

  /** The null of a missing value: RESP2 {@code $-1} (or {@code *-1} for {@link #NULL_ARRAY}), RESP3 {@code _}. */
  enum Null implements Reply {
    NULL_BULK,
    NULL_ARRAY
  }

  Reply NULL = Null.NULL_BULK;
  Reply NULL_ARRAY = Null.NULL_ARRAY;

  static Reply integer(long v) {
    return v == 0 ? ZERO : v == 1 ? ONE : new Int(v);
  }

  static Reply bool(boolean v) {
    return v ? ONE : ZERO;
  }

  /** A bulk string, or the null bulk string for null. */
  static Reply bulk(byte[] bytes) {
    return bytes == null ? NULL : new Bulk(bytes);
  }

  static Reply bulk(String text) {
    return text == null ? NULL : new Bulk(text.getBytes(StandardCharsets.UTF_8));
  }

  static Reply error(String message) {
    return new Error(message);
  }

  /** An array of bulk strings (nulls become null bulk strings). */
  static Reply bulks(Collection<byte[]> items) {
    List<Reply> out = new ArrayList<>(items.size());
    for (byte[] b : items) {
      out.add(bulk(b));
    }
    return new Array(out);
  }

  static Reply array(List<Reply> items) {
    return new Array(items);
  }

  static Reply array(Reply... items) {
    return new Array(List.of(items));
  }
}
