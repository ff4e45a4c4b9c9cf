package io.nokv.server.resp;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.redis.FixedRedisMessagePool;
import io.netty.handler.codec.redis.RedisArrayAggregator;
import io.netty.handler.codec.redis.RedisBulkStringAggregator;
import io.netty.handler.codec.redis.RedisDecoder;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.nokv.server.resp.command.CommandTable;
import io.nokv.server.resp.store.Reclaimer;
import io.nokv.txn.TxnClient;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RESP gateway: a Netty server whose pipeline per connection is
 *
 * <pre>
 * ReadGate             holds back reads while the connection has too much queued
 * [IdleStateHandler]   when an idle timeout is set
 * RedisDecoder         Netty's codec, inline commands on (lines of at most 64 KiB, as Redis)
 * RequestGuard         request shape and size limits, protocol errors in order
 * RedisBulkStringAggregator, RedisArrayAggregator
 * RespConnection       queues requests, runs them (event loop or worker pool), writes replies
 * </pre>
 *
 * <p>Data commands run on a pool of {@link RespServerConfig#workerThreads} threads, because a
 * commit blocks until the write-ahead log is synced: many connections committing at once share one
 * fsync (group commit), which is where a durable write path gets its throughput. {@link
 * #backgroundServices()} are closed with the server, before the store may be closed.
 */
public final class RespServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RespServer.class);
  /** The most one request's arguments may add up to (Redis's client-query-buffer-limit is 1 GiB). */
  static final long MAX_REQUEST_BYTES = 512L << 20;
  /** Redis's PROTO_INLINE_MAX_SIZE. */
  static final int MAX_INLINE_BYTES = 64 * 1024;
  /** Read-only FAST commands run on the event loop (see {@link RespConnection}). */
  private static final boolean INLINE_READS = !Boolean.getBoolean("nokv.resp.noInlineReads");

  private final Gateway gateway;
  private final EventLoopGroup boss;
  private final EventLoopGroup loops;
  private final ThreadPoolExecutor workers;
  private final Channel channel;
  private final ChannelGroup connections;
  private final List<AutoCloseable> backgroundServices = new CopyOnWriteArrayList<>();

  private RespServer(Gateway gateway, EventLoopGroup boss, EventLoopGroup loops, ThreadPoolExecutor workers,
      Channel channel, ChannelGroup connections) {
    this.gateway = gateway;
    this.boss = boss;
    this.loops = loops;
    this.workers = workers;
    this.channel = channel;
    this.connections = connections;
  }

  /**
   * Starts the gateway over {@code client} and returns once it listens.
   *
   * @throws RespAddressInUseException when something else listens on the address
   */
  public static RespServer start(TxnClient client, RespServerConfig config) {
    Gateway gateway = new Gateway(client, config, CommandTable.standard());
    EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    EventLoopGroup loops = new MultiThreadIoEventLoopGroup(0, NioIoHandler.newFactory());
    ThreadPoolExecutor workers = newWorkerPool(config.workerThreads());
    ChannelGroup connections = new DefaultChannelGroup("resp-connections", GlobalEventExecutor.INSTANCE);
    String address = config.host() + ":" + config.port();
    try {
      ServerBootstrap b = new ServerBootstrap()
          .group(boss, loops)
          .channel(NioServerSocketChannel.class)
          .option(ChannelOption.SO_BACKLOG, 1024)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              connections.add(ch);
              initPipeline(ch.pipeline(), gateway, workers);
            }
          });
      Channel ch = b.bind(new InetSocketAddress(config.host(), config.port())).sync().channel();
      gateway.setBoundPort(((InetSocketAddress) ch.localAddress()).getPort());
      RespServer server = new RespServer(gateway, boss, loops, workers, ch, connections);
      // Deletes expired keys and the members of deleted collections; without it they stay stored
      // (invisible to reads) for ever.
      server.backgroundServices().add(new Reclaimer(client, gateway.stats()).start());
      LOG.info("RESP gateway listening on {}", server.hostAndPort());
      return server;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      shutdown(boss, loops, workers);
      throw new IllegalStateException("interrupted while starting the RESP gateway", e);
    } catch (Exception e) { // bind() rethrows the channel's checked exceptions undeclared
      shutdown(boss, loops, workers);
      if (e instanceof BindException) {
        throw new RespAddressInUseException(address, e);
      }
      if (e instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("cannot start the RESP gateway on " + address + ": " + e, e);
    }
  }

  static void initPipeline(ChannelPipeline p, Gateway gateway, ThreadPoolExecutor workers) {
    RespServerConfig config = gateway.config();
    ReadGate gate = new ReadGate();
    RespConnection connection = new RespConnection(gateway, workers, INLINE_READS, gate);
    p.addLast(gate);
    if (!config.idleTimeout().isZero()) {
      p.addLast(new IdleStateHandler(config.idleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS));
    }
    p.addLast(new RedisDecoder(MAX_INLINE_BYTES, FixedRedisMessagePool.INSTANCE, true))
        .addLast(new RequestGuard(config.maxBulkBytes(), config.maxArrayElements(),
            Math.max(config.maxBulkBytes(), MAX_REQUEST_BYTES), connection::isAuthenticated))
        .addLast(new RedisBulkStringAggregator())
        .addLast(new RedisArrayAggregator(config.maxArrayElements(), 1))
        .addLast(connection);
  }

  private static ThreadPoolExecutor newWorkerPool(int threads) {
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
        r -> {
          Thread t = new Thread(r, "nokv-resp-worker-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    pool.allowCoreThreadTimeOut(true); // an idle gateway keeps no threads
    return pool;
  }

  public Gateway gateway() {
    return gateway;
  }

  public int port() {
    return gateway.boundPort();
  }

  /** {@code HOST:PORT} as bound. */
  public String hostAndPort() {
    InetSocketAddress a = (InetSocketAddress) channel.localAddress();
    return a.getHostString() + ":" + a.getPort();
  }

  /**
   * Services that run beside the gateway over the same store (e.g. the reclaimer of expired keys
   * and dropped collections): add them after {@link #start}; {@link #close()} closes them, last
   * added first, after the last connection is gone and before it returns.
   */
  public List<AutoCloseable> backgroundServices() {
    return backgroundServices;
  }

  /** Stops listening, closes every connection, waits for running commands, closes the background services. */
  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    connections.close().syncUninterruptibly();
    shutdown(boss, loops, workers);
    List<AutoCloseable> services = new ArrayList<>(backgroundServices);
    Collections.reverse(services);
    RuntimeException failure = null;
    for (AutoCloseable s : services) {
      try {
        s.close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("closing a background service of the RESP gateway failed", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static void shutdown(EventLoopGroup boss, EventLoopGroup loops, ThreadPoolExecutor workers) {
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    workers.shutdown();
    try {
      // Commands already running finish (their commits are durable or not: the client will not hear).
      if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("RESP commands still running after 10 s; stopping anyway");
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      workers.shutdownNow();
    }
    loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
