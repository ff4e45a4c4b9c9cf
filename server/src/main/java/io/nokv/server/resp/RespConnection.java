package io.nokv.server.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CodecException;
import io.netty.handler.codec.redis.ArrayRedisMessage;
import io.netty.handler.codec.redis.FullBulkStringRedisMessage;
import io.netty.handler.codec.redis.InlineCommandRedisMessage;
import io.netty.handler.codec.redis.RedisMessage;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.nokv.server.resp.RequestGuard.ProtocolError;
import io.nokv.server.resp.command.Args;
import io.nokv.server.resp.command.CommandSpec;
import io.nokv.server.resp.command.CommandSpec.Flag;
import io.nokv.server.resp.protocol.Reply;
import io.nokv.server.resp.protocol.ReplyEncoder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: requests in, replies out, in order.
 *
 * <p>Threading. Everything here runs on the connection's event loop except {@link #runBatch},
 * which runs on a worker. Requests queue in {@link #pending}; at most one batch of them runs on a
 * worker at a time, so a connection's commands run one after the other, in order, while the
 * commands of many connections run (and commit: each commit waits for the log's fsync, which
 * concurrent commits share) side by side. Commands that cannot block on a commit (connection
 * commands, MULTI queueing, errors found before running, and read-only commands flagged FAST) run
 * inline on the event loop when nothing of the connection is queued or running before them,
 * saving the hop to a worker. Replies are flushed once per read batch or per worker batch.
 *
 * <p>Reading pauses ({@link ReadGate}) while {@value #HIGH_WATER} requests or {@value
 * #HIGH_WATER_BYTES} bytes of arguments are queued, or while the client does not read its
 * replies; it resumes once the queue is down to {@value #LOW_WATER} requests and half the bytes.
 */
final class RespConnection extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(RespConnection.class);
  /** Most requests one worker batch takes, so that replies of a long pipeline flow back in parts. */
  private static final int MAX_BATCH = 128;
  static final int HIGH_WATER = 1024;
  static final int LOW_WATER = 256;
  static final long HIGH_WATER_BYTES = 64L << 20;
  /** Pipelined data commands run in one transaction per group (see {@link #runBatch}). */
  private static final boolean GROUP_COMMANDS = !Boolean.getBoolean("nokv.resp.noGroups");
  private static final byte[] MAX_CLIENTS = "-ERR max number of clients reached\r\n".getBytes(StandardCharsets.US_ASCII);

  private final Gateway gateway;
  private final Executor workers;
  private final boolean inlineReads;
  private final ReadGate gate;
  private ChannelHandlerContext ctx;
  private ClientSession session;
  /** Requests ({@link Args} or a {@link ProtocolError}) not yet run, in arrival order. */
  private final ArrayDeque<Object> pending = new ArrayDeque<>();
  /** The argument bytes of the requests in {@link #pending}. */
  private long pendingBytes;
  /** A batch of this connection's requests is on a worker. */
  private boolean busy;
  /** The connection is closing: nothing more is run or read. */
  private boolean closing;
  /** A protocol error is queued: reading stays off until it is answered and the channel closed. */
  private boolean poisoned;

  RespConnection(Gateway gateway, Executor workers, boolean inlineReads, ReadGate gate) {
    this.gateway = gateway;
    this.workers = workers;
    this.inlineReads = inlineReads;
    this.gate = gate;
  }

  /** For {@link RequestGuard}'s limits before AUTH; read on the event loop. */
  boolean isAuthenticated() {
    return session != null && session.isAuthenticated();
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    if (!gateway.admitConnection()) {
      gateway.stats().connectionsRejected.increment();
      LOG.debug("{}: refused, {} clients connected", ctx.channel().remoteAddress(), gateway.config().maxClients());
      closing = true;
      ctx.writeAndFlush(Unpooled.wrappedBuffer(MAX_CLIENTS)).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    session = gateway.openSession(address(ctx.channel().remoteAddress()), address(ctx.channel().localAddress()));
    gateway.stats().connectionsReceived.increment();
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    closing = true;
    pending.clear();
    pendingBytes = 0;
    if (session != null) {
      gateway.closeSession(session);
      gateway.connectionClosed();
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (closing || session == null) {
      ReferenceCountUtil.release(msg);
      return;
    }
    Object request;
    if (msg instanceof ProtocolError e) {
      request = e;
      poisoned = true;
    } else {
      try {
        request = toRequest((RedisMessage) msg);
      } finally {
        ReferenceCountUtil.release(msg);
      }
      if (request == null) {
        return; // an empty request: Redis ignores it
      }
      if (request instanceof ProtocolError) {
        poisoned = true;
        gate.shut();
      }
    }
    enqueue(request);
    if (pending.size() >= HIGH_WATER || pendingBytes >= HIGH_WATER_BYTES) {
      gate.shut();
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    drain();
    ctx.flush();
    updateAutoRead(); // the queue may have drained right here (requests that run inline)
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    updateAutoRead();
    ctx.fireChannelWritabilityChanged();
  }

  /** The idle timeout: close a connection that sent nothing for that long, unless it waits for a reply. */
  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent) {
      if (!busy && pending.isEmpty()) {
        LOG.debug("{}: idle for {}, closing", ctx.channel().remoteAddress(), gateway.config().idleTimeout());
        closing = true;
        ctx.close();
      }
      return;
    }
    ctx.fireUserEventTriggered(evt);
  }

  /** A client's fault (reset connection, broken pipe) or ours: either way the connection is done. */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof IOException || cause instanceof CodecException) {
      // Reset by the client, or closed in the middle of a request (the aggregators say so).
      LOG.debug("{}: {}", ctx.channel().remoteAddress(), cause.toString());
    } else {
      LOG.warn("{}: closing the connection after an unexpected failure", ctx.channel().remoteAddress(), cause);
    }
    closing = true;
    ctx.close();
  }

  private void enqueue(Object request) {
    pending.add(request);
    pendingBytes += bytes(request);
  }

  private Object dequeue() {
    Object request = pending.poll();
    pendingBytes -= bytes(request);
    return request;
  }

  private static long bytes(Object request) {
    if (!(request instanceof Args a)) {
      return 0;
    }
    long n = 0;
    for (int i = 0; i < a.size(); i++) {
      n += a.bytes(i).length;
    }
    return n;
  }

  /**
   * Runs what may run now, unless a worker batch of this connection is still running: requests at
   * the head that may run on the event loop, then the rest as one worker batch.
   */
  private void drain() {
    while (!busy && !closing && !pending.isEmpty()) {
      Object head = pending.peek();
      if (head instanceof ProtocolError e) {
        dequeue();
        ByteBuf out = ctx.alloc().ioBuffer();
        ReplyEncoder.write(Reply.error(e.message()), session.protocol(), out);
        ctx.write(out);
        closeAfterFlush();
        return;
      }
      Args args = (Args) head;
      if (!runsInline(args, pending.size() == 1)) {
        dispatch();
        return;
      }
      dequeue();
      ByteBuf out = ctx.alloc().ioBuffer();
      ReplyEncoder.write(run(args), session.protocol(), out);
      ctx.write(out);
      if (session.closeAfterReply()) {
        closeAfterFlush();
      }
    }
  }

  /**
   * Whether {@code args} runs on the event loop: it will not wait for a commit or a scan. A FAST
   * read runs there only when it is the only request queued ({@code alone}): a pipeline of reads
   * is cheaper as one group in one snapshot on a worker (measured: GET -P 16, 50 clients).
   */
  private boolean runsInline(Args args, boolean alone) {
    CommandSpec spec = gateway.executor().lookup(args);
    if (spec == null || !spec.arityAccepts(args.size())) {
      return true; // answered with an error without running
    }
    if (!session.isAuthenticated() && !spec.has(Flag.NO_AUTH)) {
      return true; // NOAUTH
    }
    if (spec.has(Flag.TRANSACTION_CONTROL)) {
      return !spec.name().equals("exec"); // EXEC commits; MULTI, DISCARD, WATCH (point reads) and UNWATCH do not
    }
    if (session.inMulti()) {
      return true; // queued, not run
    }
    if (spec.has(Flag.CONNECTION)) {
      return true;
    }
    return alone && inlineReads && spec.has(Flag.READONLY) && spec.has(Flag.FAST);
  }

  /** Hands the next requests to a worker. */
  private void dispatch() {
    List<Object> batch = new ArrayList<>(Math.min(pending.size(), MAX_BATCH));
    while (!pending.isEmpty() && batch.size() < MAX_BATCH) {
      Object r = dequeue();
      batch.add(r);
      if (r instanceof ProtocolError) {
        break;
      }
    }
    busy = true;
    try {
      workers.execute(() -> runBatch(batch));
    } catch (RejectedExecutionException e) {
      LOG.debug("{}: the gateway is stopping; closing the connection", ctx.channel().remoteAddress());
      busy = false;
      closing = true;
      ctx.close();
    }
  }

  /**
   * On a worker: runs {@code batch} in order, then hands the replies back to the event loop.
   * Consecutive data commands run as one group in one transaction ({@link
   * io.nokv.server.resp.CommandExecutor#executeGroup}): a pipeline of N writes costs one commit.
   */
  private void runBatch(List<Object> batch) {
    ByteBuf out = ctx.alloc().ioBuffer();
    boolean close;
    try {
      close = runAll(batch, out);
    } catch (RuntimeException | Error e) {
      // A fault outside any command's own error handling (e.g. encoding): the replies are lost,
      // so the connection cannot go on in order.
      out.release();
      LOG.error("{}: a batch of {} requests failed; closing the connection", session.address(), batch.size(), e);
      ctx.channel().eventLoop().execute(() -> {
        busy = false;
        closing = true;
        ctx.close();
      });
      return;
    }
    try {
      ctx.channel().eventLoop().execute(() -> batchDone(out, close));
    } catch (RejectedExecutionException e) {
      out.release(); // the event loop is shut down: the connection is gone
    }
  }

  /** Runs {@code batch} in order, writing the replies to {@code out}; true when the connection must close after them. */
  private boolean runAll(List<Object> batch, ByteBuf out) {
    int i = 0;
    while (i < batch.size()) {
      Object request = batch.get(i);
      if (request instanceof ProtocolError e) {
        ReplyEncoder.write(Reply.error(e.message()), session.protocol(), out);
        return true;
      }
      int end = groupEnd(batch, i);
      if (end - i >= 2) {
        for (Reply r : runGroup(batch.subList(i, end))) {
          ReplyEncoder.write(r, session.protocol(), out);
        }
        i = end;
        continue;
      }
      ReplyEncoder.write(run((Args) request), session.protocol(), out);
      i++;
      if (session.closeAfterReply()) {
        return true; // QUIT: whatever was pipelined after it is not run
      }
    }
    return false;
  }

  /** Back on the event loop after a worker batch. */
  private void batchDone(ByteBuf replies, boolean close) {
    busy = false;
    ctx.write(replies);
    if (close) {
      closeAfterFlush();
      return;
    }
    drain();
    ctx.flush();
    updateAutoRead();
  }

  /** The end (exclusive) of the run of groupable data commands starting at {@code from}. */
  private int groupEnd(List<Object> batch, int from) {
    if (!GROUP_COMMANDS) {
      return from;
    }
    int end = from;
    while (end < batch.size() && batch.get(end) instanceof Args a && gateway.executor().groupable(session, a)) {
      end++;
    }
    return end;
  }

  @SuppressWarnings("unchecked")
  private List<Reply> runGroup(List<Object> group) {
    List<Args> commands = (List<Args>) (List<?>) group;
    List<Reply> replies;
    try {
      replies = gateway.executor().executeGroup(session, commands);
    } catch (RuntimeException e) {
      // Never run again what may have committed: answer the failure to each command.
      LOG.error("{}: a group of {} commands failed", session.address(), group.size(), e);
      return java.util.Collections.nCopies(commands.size(), Reply.error("ERR internal error: " + e.getClass().getSimpleName()));
    }
    if (replies != null) {
      return replies;
    }
    List<Reply> one = new ArrayList<>(commands.size());
    for (Args a : commands) {
      one.add(run(a));
    }
    return one;
  }

  private Reply run(Args args) {
    try {
      return gateway.executor().execute(session, args);
    } catch (RuntimeException e) {
      // A fault of the gateway or the store, not of the request: say so, keep the connection.
      LOG.error("{}: {} failed", session.address(), args.name(), e);
      return Reply.error("ERR internal error: " + e.getClass().getSimpleName());
    }
  }

  private void closeAfterFlush() {
    closing = true;
    pending.clear();
    pendingBytes = 0;
    gate.shut();
    ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
  }

  private void updateAutoRead() {
    if (closing || poisoned) {
      return;
    }
    boolean reading = !gate.isShut();
    boolean read = ctx.channel().isWritable()
        && pending.size() < (reading ? HIGH_WATER : LOW_WATER)
        && pendingBytes < (reading ? HIGH_WATER_BYTES : HIGH_WATER_BYTES / 2);
    if (read && !reading) {
      gate.open();
    } else if (!read && reading) {
      gate.shut();
    }
  }

  /** The request in {@code msg}: {@link Args}, a {@link ProtocolError}, or null for an empty request. */
  static Object toRequest(RedisMessage msg) {
    if (msg instanceof ArrayRedisMessage array) {
      List<RedisMessage> children = array.children();
      if (children.isEmpty()) {
        return null;
      }
      byte[][] args = new byte[children.size()][];
      for (int i = 0; i < args.length; i++) {
        // RequestGuard lets only bulk strings into an array.
        args[i] = ByteBufUtil.getBytes(((FullBulkStringRedisMessage) children.get(i)).content());
      }
      return new Args(args);
    }
    if (msg instanceof InlineCommandRedisMessage inline) {
      try {
        List<byte[]> words = InlineCommand.split(inline.content());
        return words.isEmpty() ? null : new Args(words.toArray(new byte[0][]));
      } catch (InlineCommand.UnbalancedQuotesException e) {
        return new ProtocolError("ERR " + e.getMessage());
      }
    }
    throw new IllegalStateException("RequestGuard let through a " + msg.getClass().getSimpleName());
  }

  /** {@code host:port} as Redis prints addresses (no leading slash). */
  static String address(SocketAddress a) {
    if (a instanceof InetSocketAddress in) {
      return in.getAddress() == null ? in.getHostString() + ":" + in.getPort()
          : in.getAddress().getHostAddress() + ":" + in.getPort();
    }
    return String.valueOf(a);
  }
}
