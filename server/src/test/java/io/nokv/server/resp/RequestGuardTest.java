package io.nokv.server.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.redis.ArrayRedisMessage;
import io.netty.handler.codec.redis.FixedRedisMessagePool;
import io.netty.handler.codec.redis.RedisArrayAggregator;
import io.netty.handler.codec.redis.RedisBulkStringAggregator;
import io.netty.handler.codec.redis.RedisDecoder;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** RequestGuard in the codec pipeline, without sockets: what passes, and the error that takes the place of what does not. */
class RequestGuardTest {
  private static EmbeddedChannel channel(int maxBulk, int maxArgs, long maxRequest) {
    return channel(maxBulk, maxArgs, maxRequest, true);
  }

  private static EmbeddedChannel channel(int maxBulk, int maxArgs, long maxRequest, boolean authenticated) {
    return new EmbeddedChannel(
        new RedisDecoder(RespServer.MAX_INLINE_BYTES, FixedRedisMessagePool.INSTANCE, true),
        new RequestGuard(maxBulk, maxArgs, maxRequest, () -> authenticated),
        new RedisBulkStringAggregator(),
        new RedisArrayAggregator(maxArgs, 1),
        new ChannelInboundHandlerAdapter() {
          @Override
          public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // As RespConnection: the aggregators complain of the request cut short on close.
            assertInstanceOf(PrematureChannelClosureException.class, cause);
          }
        });
  }

  private static void write(EmbeddedChannel ch, String bytes) {
    ch.writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.UTF_8));
  }

  @Test
  void requestsWithinTheLimitsPassWhole() {
    EmbeddedChannel ch = channel(16, 4, 40);
    write(ch, RawResp.encode("ECHO", "0123456789abcdef"));
    ArrayRedisMessage m = ch.readInbound();
    assertEquals(2, m.children().size());
    ReferenceCountUtil.release(m);
    assertNull(ch.readInbound());
    assertFalse(ch.finish());
  }

  @Test
  void aRequestOverItsTotalIsRefusedAfterTheOnesBeforeIt() {
    EmbeddedChannel ch = channel(16, 4, 40);
    String arg = "x".repeat(16);
    write(ch, RawResp.encode("PING") + RawResp.encode("MSET", arg, arg, arg));
    ArrayRedisMessage ping = ch.readInbound();
    assertEquals(1, ping.children().size());
    ReferenceCountUtil.release(ping);
    RequestGuard.ProtocolError e = assertInstanceOf(RequestGuard.ProtocolError.class, ch.readInbound());
    assertEquals("ERR Protocol error: too big request", e.message());
    assertFalse(ch.config().isAutoRead(), "reading stops");
    write(ch, RawResp.encode("PING"));
    assertNull(ch.readInbound(), "nothing after the error passes");
    ch.finishAndReleaseAll();
  }

  @Test
  void lengthsAreCheckedBeforeTheContentArrives() {
    EmbeddedChannel ch = channel(16, 4, 1 << 20);
    write(ch, "*2\r\n$4\r\nECHO\r\n$17\r\n"); // no content yet: the header alone is refused
    RequestGuard.ProtocolError e = assertInstanceOf(RequestGuard.ProtocolError.class, ch.readInbound());
    assertEquals("ERR Protocol error: invalid bulk length", e.message());
    ch.finishAndReleaseAll();

    EmbeddedChannel many = channel(16, 4, 1 << 20);
    write(many, "*5\r\n");
    assertEquals("ERR Protocol error: invalid multibulk length",
        assertInstanceOf(RequestGuard.ProtocolError.class, many.readInbound()).message());
    many.finishAndReleaseAll();
  }

  @Test
  void beforeAuthTheLimitsAreRedisOwn() {
    EmbeddedChannel ch = channel(1 << 20, 1 << 20, 1 << 30, false);
    write(ch, "*11\r\n");
    assertEquals("ERR Protocol error: unauthenticated multibulk length",
        assertInstanceOf(RequestGuard.ProtocolError.class, ch.readInbound()).message());
    ch.finishAndReleaseAll();
  }
}
