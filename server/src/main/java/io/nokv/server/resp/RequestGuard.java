package io.nokv.server.resp;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CodecException;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.redis.ArrayHeaderRedisMessage;
import io.netty.handler.codec.redis.BulkStringHeaderRedisMessage;
import io.netty.handler.codec.redis.BulkStringRedisContent;
import io.netty.handler.codec.redis.ErrorRedisMessage;
import io.netty.handler.codec.redis.FullBulkStringRedisMessage;
import io.netty.handler.codec.redis.InlineCommandRedisMessage;
import io.netty.handler.codec.redis.IntegerRedisMessage;
import io.netty.handler.codec.redis.LastBulkStringRedisContent;
import io.netty.handler.codec.redis.SimpleStringRedisMessage;
import io.netty.util.ReferenceCountUtil;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits between {@code RedisDecoder} and the aggregators and enforces what a request may be before
 * anything is buffered: an array of bulk strings ({@code *N} then N times {@code $len}) or an
 * inline line; at most {@link RespServerConfig#maxArrayElements} arguments, {@link
 * RespServerConfig#maxBulkBytes} per argument (Netty's aggregators would accept 512 MiB) and a
 * total for the request; before AUTH, as Redis 7 does, at most 10 arguments of at most 16 KiB.
 *
 * <p>A violation, or a decoding failure of the codec, becomes one {@link ProtocolError} passed on
 * in order after the requests before it, so the connection answers those first, then answers
 * {@code -ERR Protocol error: ...} and closes (as Redis does); everything after it is dropped.
 */
final class RequestGuard extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(RequestGuard.class);
  /** Redis's limits for a client that has not authenticated yet (networking.c). */
  static final int UNAUTHENTICATED_MAX_ARGS = 10;
  static final int UNAUTHENTICATED_MAX_BULK = 16 * 1024;

  private final int maxBulkBytes;
  private final int maxArrayElements;
  private final long maxRequestBytes;
  private final BooleanSupplier authenticated;
  /** Bulk strings still expected in the current request; 0 between requests. */
  private long remaining;
  /** Bytes announced by the current request's bulk strings so far. */
  private long requestBytes;
  /** Inside a bulk string whose content chunks are still arriving. */
  private boolean inBulk;
  /** After a protocol error: drop everything until the connection closes. */
  private boolean failed;

  /**
   * @param maxRequestBytes the most bytes all arguments of one request may add up to (the
   *     aggregators buffer a whole request before it runs), like Redis's query buffer limit
   */
  RequestGuard(int maxBulkBytes, int maxArrayElements, long maxRequestBytes, BooleanSupplier authenticated) {
    this.maxBulkBytes = maxBulkBytes;
    this.maxArrayElements = maxArrayElements;
    this.maxRequestBytes = maxRequestBytes;
    this.authenticated = authenticated;
  }

  /** A request the gateway refuses; the connection answers it, then closes. */
  record ProtocolError(String message) {}

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (failed) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (remaining == 0 && !inBulk) {
      // Redis reads any request not starting with '*' as an inline command, "+PING" included;
      // the codec decoded these lines as replies.
      String line = switch (msg) {
        case SimpleStringRedisMessage s -> "+" + s.content();
        case ErrorRedisMessage e -> "-" + e.content();
        case IntegerRedisMessage i -> ":" + i.value();
        default -> null;
      };
      if (line != null) {
        ctx.fireChannelRead(new InlineCommandRedisMessage(line));
        return;
      }
    }
    String error = check(msg);
    if (error == null) {
      ctx.fireChannelRead(msg);
      return;
    }
    ReferenceCountUtil.release(msg);
    fail(ctx, error);
  }

  /** Null when {@code msg} may pass, else the error text. Tracks where in a request we are. */
  private String check(Object msg) {
    if (inBulk) {
      if (msg instanceof BulkStringRedisContent) {
        if (msg instanceof LastBulkStringRedisContent) {
          inBulk = false;
          remaining--;
        }
        return null;
      }
      return "Protocol error: incomplete bulk string";
    }
    if (remaining > 0) {
      return switch (msg) {
        case BulkStringHeaderRedisMessage h -> {
          if (h.bulkStringLength() > maxBulk()) {
            yield bulkLengthError();
          }
          requestBytes += h.bulkStringLength();
          if (requestBytes > maxRequestBytes) {
            yield "Protocol error: too big request";
          }
          inBulk = true;
          yield null;
        }
        case FullBulkStringRedisMessage full -> {
          if (full.isNull()) {
            yield "Protocol error: invalid bulk length";
          }
          remaining--;
          yield null;
        }
        default -> "Protocol error: expected '$', got '" + typeChar(msg) + "'";
      };
    }
    return switch (msg) {
      case ArrayHeaderRedisMessage h -> {
        long n = h.length();
        if (n > maxArgs()) {
          yield authenticated.getAsBoolean() ? "Protocol error: invalid multibulk length"
              : "Protocol error: unauthenticated multibulk length";
        }
        remaining = Math.max(0, n); // *0 and *-1 are empty requests, ignored as Redis ignores them
        requestBytes = 0;
        yield null;
      }
      case InlineCommandRedisMessage inline -> null;
      default -> "Protocol error: expected '*', got '" + typeChar(msg) + "'";
    };
  }

  private long maxArgs() {
    return authenticated.getAsBoolean() ? maxArrayElements : UNAUTHENTICATED_MAX_ARGS;
  }

  private int maxBulk() {
    return authenticated.getAsBoolean() ? maxBulkBytes : UNAUTHENTICATED_MAX_BULK;
  }

  private String bulkLengthError() {
    return authenticated.getAsBoolean() ? "Protocol error: invalid bulk length"
        : "Protocol error: unauthenticated bulk length";
  }

  private static char typeChar(Object msg) {
    return switch (msg) {
      case ArrayHeaderRedisMessage a -> '*';
      case BulkStringHeaderRedisMessage b -> '$';
      case FullBulkStringRedisMessage b -> '$';
      case SimpleStringRedisMessage s -> '+';
      case ErrorRedisMessage e -> '-';
      case IntegerRedisMessage i -> ':';
      default -> '?';
    };
  }

  /**
   * The codec failed (a malformed length, a missing CRLF, an inline line over 64 KiB): answer a
   * protocol error and close. Anything else is a fault of the connection: close it.
   */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof PrematureChannelClosureException) {
      LOG.debug("{}: closed in the middle of a request", ctx.channel().remoteAddress());
      return;
    }
    if (cause instanceof CodecException) {
      LOG.debug("{}: malformed request", ctx.channel().remoteAddress(), cause);
      if (!failed) {
        fail(ctx, describe(cause));
      }
      return;
    }
    ctx.fireExceptionCaught(cause);
  }

  private String describe(Throwable cause) {
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause(); // ByteToMessageDecoder wraps the codec's RedisCodecException
    }
    String m = root.getMessage() == null ? "" : root.getMessage();
    if (m.startsWith("length:") && m.contains("expected: <= 65536")) {
      return "Protocol error: too big inline request";
    }
    if (m.contains("number") || m.contains("RESP Integer") || m.startsWith("length:")) {
      return remaining > 0 ? "Protocol error: invalid bulk length" : "Protocol error: invalid multibulk length";
    }
    return "Protocol error: " + (m.isEmpty() ? root.getClass().getSimpleName() : m);
  }

  private void fail(ChannelHandlerContext ctx, String error) {
    failed = true;
    ctx.channel().config().setAutoRead(false);
    ctx.fireChannelRead(new ProtocolError("ERR " + error));
  }
}
