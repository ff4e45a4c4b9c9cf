package io.nokv.server.resp;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;

/**
 * First in the pipeline: holds back reads while the connection has too much queued. Turning
 * autoRead off is not enough on its own, because {@code ByteToMessageDecoder} asks for one more
 * read whenever a read ends in the middle of a request, so a client that keeps pipelining without
 * reading its replies would keep being read. Event-loop confined.
 */
final class ReadGate extends ChannelOutboundHandlerAdapter {
  private ChannelHandlerContext ctx;
  private boolean shut;
  private boolean readWanted;

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void read(ChannelHandlerContext ctx) {
    if (shut) {
      readWanted = true;
      return;
    }
    ctx.read();
  }

  boolean isShut() {
    return shut;
  }

  /** No more reads until {@link #open()}; stops autoRead too. */
  void shut() {
    shut = true;
    ctx.channel().config().setAutoRead(false);
  }

  /** Reads again, including one held back. */
  void open() {
    shut = false;
    ctx.channel().config().setAutoRead(true); // asks for a read itself
    if (readWanted) {
      readWanted = false;
      ctx.read();
    }
  }
}
