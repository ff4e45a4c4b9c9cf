package io.nokv.server.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.redis.ArrayRedisMessage;
import io.netty.handler.codec.redis.FullBulkStringRedisMessage;
import io.netty.handler.codec.redis.InlineCommandRedisMessage;
import io.netty.handler.codec.redis.RedisMessage;
import io.netty.util.ReferenceCountUtil;
import io.nokv.server.resp.command.Args;
import io.nokv.server.resp.protocol.Reply;
import io.nokv.server.resp.protocol.ReplyEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** One client connection: decoded requests in, replies out, in order; flushes once per read batch. */
final class RespConnection extends ChannelInboundHandlerAdapter {
  private final Gateway gateway;
  private ClientSession session;

  RespConnection(Gateway gateway) {
    this.gateway = gateway;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    session = gateway.openSession(String.valueOf(ctx.channel().remoteAddress()), String.valueOf(ctx.channel().localAddress()));
    gateway.stats().connectionsReceived.increment();
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (session != null) {
      gateway.closeSession(session);
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      Reply reply;
      Args args = toArgs((RedisMessage) msg);
      if (args == null) {
        return; // an empty inline line: Redis ignores it
      }
      reply = gateway.executor().execute(session, args);
      ByteBuf out = ctx.alloc().ioBuffer();
      ReplyEncoder.write(reply, session.protocol(), out);
      if (session.closeAfterReply()) {
        ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
      } else {
        ctx.write(out);
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    ctx.flush();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }

  /** The command in a request, or null for an empty inline command. */
  static Args toArgs(RedisMessage msg) {
    if (msg instanceof ArrayRedisMessage array) {
      List<RedisMessage> children = array.children();
      if (children.isEmpty()) {
        return null;
      }
      byte[][] args = new byte[children.size()][];
      for (int i = 0; i < args.length; i++) {
        if (!(children.get(i) instanceof FullBulkStringRedisMessage bulk) || bulk.isNull()) {
          throw new IllegalArgumentException("a command's arguments must be bulk strings");
        }
        args[i] = ByteBufUtil.getBytes(bulk.content());
      }
      return new Args(args);
    }
    if (msg instanceof InlineCommandRedisMessage inline) {
      String[] words = inline.content().trim().split("\\s+");
      return words.length == 0 || words[0].isEmpty() ? null : Args.of(words);
    }
    throw new IllegalArgumentException("unexpected request type " + msg.getClass().getSimpleName());
  }

  static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
