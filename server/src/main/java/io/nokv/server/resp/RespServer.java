package io.nokv.server.resp;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.redis.RedisArrayAggregator;
import io.netty.handler.codec.redis.RedisBulkStringAggregator;
import io.netty.handler.codec.redis.RedisDecoder;
import io.nokv.server.resp.command.CommandTable;
import io.nokv.txn.TxnClient;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The RESP gateway: a Netty server that parses requests with Netty's redis codec and runs them
 * against the transactional store through {@link CommandExecutor}.
 */
public final class RespServer implements AutoCloseable {
  private final Gateway gateway;
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final Channel channel;

  private RespServer(Gateway gateway, EventLoopGroup boss, EventLoopGroup workers, Channel channel) {
    this.gateway = gateway;
    this.boss = boss;
    this.workers = workers;
    this.channel = channel;
  }

  /** Starts the gateway over {@code client} and returns once it listens. */
  public static RespServer start(TxnClient client, RespServerConfig config) {
    Gateway gateway = new Gateway(client, config, CommandTable.standard());
    EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    EventLoopGroup workers = new MultiThreadIoEventLoopGroup(0, NioIoHandler.newFactory());
    try {
      ServerBootstrap b = new ServerBootstrap()
          .group(boss, workers)
          .channel(NioServerSocketChannel.class)
          .option(ChannelOption.SO_BACKLOG, 1024)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              ch.pipeline()
                  .addLast(new RedisDecoder(true))
                  .addLast(new RedisBulkStringAggregator())
                  .addLast(new RedisArrayAggregator())
                  .addLast(new RespConnection(gateway));
            }
          });
      Channel ch = b.bind(new InetSocketAddress(config.host(), config.port())).sync().channel();
      gateway.setBoundPort(((InetSocketAddress) ch.localAddress()).getPort());
      return new RespServer(gateway, boss, workers, ch);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      shutdown(boss, workers);
      throw new IllegalStateException("interrupted while starting the RESP gateway", e);
    } catch (RuntimeException e) {
      shutdown(boss, workers);
      throw e;
    }
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

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    shutdown(boss, workers);
  }

  private static void shutdown(EventLoopGroup boss, EventLoopGroup workers) {
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
