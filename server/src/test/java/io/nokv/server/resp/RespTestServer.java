package io.nokv.server.resp;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.nokv.txn.TxnClient;
import java.nio.file.Path;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * A RESP gateway on 127.0.0.1 port 0 over a store in a test's temp dir, with Jedis and Lettuce
 * clients for it. {@link #restart()} closes the store and opens it again from its directory.
 */
public final class RespTestServer implements AutoCloseable {
  private final Path dir;
  private final RespServerConfig config;
  private TxnClient client;
  private RespServer server;
  private RedisClient lettuce;

  public RespTestServer(Path dir) {
    this(dir, RespServerConfig.defaults("127.0.0.1", 0));
  }

  public RespTestServer(Path dir, RespServerConfig config) {
    this.dir = dir;
    this.config = config;
    start();
  }

  private void start() {
    client = TxnClient.open(dir);
    server = RespServer.start(client, config);
  }

  public int port() {
    return server.port();
  }

  public RespServer server() {
    return server;
  }

  public Gateway gateway() {
    return server.gateway();
  }

  /** A new Jedis connection; close it. */
  public Jedis jedis() {
    // Jedis 8 warns on every connection unless told not to negotiate RESP3 (it then speaks RESP2).
    return new Jedis(new HostAndPort("127.0.0.1", port()),
        DefaultJedisClientConfig.builder().timeoutMillis(10_000).autoNegotiateProtocol(false).build());
  }

  /** A new Lettuce connection (RESP3 when the server answers HELLO 3); close it. */
  public StatefulRedisConnection<String, String> lettuce() {
    if (lettuce == null) {
      lettuce = RedisClient.create(RedisURI.create("127.0.0.1", port()));
    }
    return lettuce.connect();
  }

  /** Stops the gateway and the store, then opens both again on the same directory (a new port). */
  public void restart() {
    stop();
    start();
  }

  private void stop() {
    if (lettuce != null) {
      lettuce.shutdown();
      lettuce = null;
    }
    server.close();
    client.close();
  }

  @Override
  public void close() {
    stop();
  }
}
