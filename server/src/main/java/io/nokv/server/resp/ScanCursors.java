package io.nokv.server.resp;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import io.nokv.server.resp.protocol.Reply;
import io.nokv.server.resp.protocol.RespException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * SCAN, HSCAN, SSCAN and ZSCAN cursors. Redis's cursors are numbers; ours name the position (the
 * next key or member, as bytes) kept here for 10 minutes (at most 100,000 open cursors). A cursor
 * that is unknown or expired is an error rather than a silent restart.
 */
public final class ScanCursors {
  private final AtomicLong next = new AtomicLong();
  private final Cache<Long, byte[]> positions =
      Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).build();

  /** A new cursor number for the scan to continue at {@code position}. */
  public long save(byte[] position) {
    long id = next.incrementAndGet();
    positions.put(id, position);
    return id;
  }

  /** The position of cursor {@code id}, or null when it is unknown (expired, or never issued). */
  public byte[] position(long id) {
    return positions.getIfPresent(id);
  }

  /**
   * Where a scan given {@code cursor} (the client's argument) starts: null for {@code 0} (the
   * beginning), else the saved position.
   *
   * @throws RespException {@code ERR invalid cursor} for a cursor that is not a number or not known
   */
  public byte[] start(byte[] cursor) {
    Long id = io.nokv.server.resp.command.Args.tryParseLong(cursor);
    if (id == null || id < 0) {
      throw RespException.err("invalid cursor");
    }
    if (id == 0) {
      return null;
    }
    byte[] p = position(id);
    if (p == null) {
      throw RespException.err("invalid cursor (unknown or expired: cursors are kept 10 minutes)");
    }
    return p;
  }

  /** The cursor to answer: {@code "0"} when the scan is complete ({@code next} null), else a new cursor at {@code next}. */
  public Reply cursorReply(byte[] next) {
    return Reply.bulk(next == null ? "0" : Long.toString(save(next)));
  }

  /**
   * Parses the options of SCAN-like commands from {@code args[from..]}: MATCH pattern, COUNT n
   * (default 10, at least 1), and TYPE t when {@code allowType}.
   *
   * @throws RespException syntax error, or a COUNT that is not a positive integer
   */
  public static ScanOptions options(io.nokv.server.resp.command.Args args, int from, boolean allowType) {
    io.nokv.server.resp.command.Glob match = null;
    int count = 10;
    String type = null;
    for (int i = from; i < args.size(); i++) {
      if (args.is(i, "MATCH") && i + 1 < args.size()) {
        match = new io.nokv.server.resp.command.Glob(args.bytes(++i));
      } else if (args.is(i, "COUNT") && i + 1 < args.size()) {
        long c = args.longAt(++i);
        if (c < 1) {
          throw RespException.syntax();
        }
        count = (int) Math.min(c, 100_000);
      } else if (allowType && args.is(i, "TYPE") && i + 1 < args.size()) {
        type = args.string(++i);
      } else {
        throw RespException.syntax();
      }
    }
    return new ScanOptions(match, count, type);
  }

  /** SCAN options: {@code match} null matches all; {@code type} null: any type. */
  public record ScanOptions(io.nokv.server.resp.command.Glob match, int count, String type) {
    public boolean matches(byte[] name) {
      return match == null || match.matches(name);
    }
  }
}
