package io.nokv.server.resp;

import java.time.Duration;

/**
 * Settings of the RESP gateway.
 *
 * @param host address to listen on (127.0.0.1 unless asked otherwise)
 * @param port 0 picks a free port
 * @param requirepass the password AUTH must give at start; null or empty: no password. CONFIG SET
 *     requirepass changes the gateway's copy ({@link Gateway#requirepass()}), not this record
 * @param maxClients connections beyond this are refused with {@code -ERR max number of clients reached}
 * @param maxBulkBytes the largest bulk string (argument) accepted; larger requests get an error and the connection closes
 * @param maxArrayElements the most arguments one command may have
 * @param idleTimeout a connection idle this long is closed; zero: never (Redis's {@code timeout 0})
 * @param workerThreads threads that run data commands; each commit blocks its thread until the
 *     write-ahead log is synced, so this bounds how many commits can share one group fsync
 */
public record RespServerConfig(String host, int port, String requirepass, int maxClients, int maxBulkBytes,
    int maxArrayElements, Duration idleTimeout, int workerThreads) {
  public static final int DEFAULT_PORT = 6380;
  public static final int DEFAULT_MAX_CLIENTS = 10_000;
  /** The engine's largest value (64 MiB); Redis's proto-max-bulk-len is 512 MiB. */
  public static final int DEFAULT_MAX_BULK_BYTES = io.nokv.kv.Limits.MAX_VALUE_BYTES;
  /** Redis accepts up to INT_MAX arguments; a million keeps one request's bookkeeping bounded. */
  public static final int DEFAULT_MAX_ARRAY_ELEMENTS = 1024 * 1024;
  public static final int DEFAULT_WORKER_THREADS = 128;

  public RespServerConfig {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is not from 0 to 65535");
    }
    if (maxClients < 1 || maxBulkBytes < 1 || maxArrayElements < 1 || workerThreads < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
    if (idleTimeout.isNegative()) {
      throw new IllegalArgumentException("idle timeout must not be negative");
    }
  }

  /** Defaults on {@code host:port}, no password. */
  public static RespServerConfig defaults(String host, int port) {
    return new RespServerConfig(host, port, null, DEFAULT_MAX_CLIENTS, DEFAULT_MAX_BULK_BYTES,
        DEFAULT_MAX_ARRAY_ELEMENTS, Duration.ZERO, DEFAULT_WORKER_THREADS);
  }

  public RespServerConfig withRequirepass(String password) {
    return new RespServerConfig(host, port, password, maxClients, maxBulkBytes, maxArrayElements, idleTimeout,
        workerThreads);
  }

  public RespServerConfig withMaxClients(int max) {
    return new RespServerConfig(host, port, requirepass, max, maxBulkBytes, maxArrayElements, idleTimeout,
        workerThreads);
  }

  /** The same settings with other request limits. */
  public RespServerConfig withRequestLimits(int bulkBytes, int arrayElements) {
    return new RespServerConfig(host, port, requirepass, maxClients, bulkBytes, arrayElements, idleTimeout,
        workerThreads);
  }

  public RespServerConfig withIdleTimeout(Duration timeout) {
    return new RespServerConfig(host, port, requirepass, maxClients, maxBulkBytes, maxArrayElements, timeout,
        workerThreads);
  }

  public RespServerConfig withWorkerThreads(int threads) {
    return new RespServerConfig(host, port, requirepass, maxClients, maxBulkBytes, maxArrayElements, idleTimeout,
        threads);
  }

  public boolean passwordRequired() {
    return requirepass != null && !requirepass.isEmpty();
  }

  @Override
  public String toString() {
    // Never print the password (configs end up in logs).
    return "RespServerConfig[host=" + host + ", port=" + port + ", requirepass=" + (passwordRequired() ? "(set)" : "(none)")
        + ", maxClients=" + maxClients + ", maxBulkBytes=" + maxBulkBytes + ", maxArrayElements=" + maxArrayElements
        + ", idleTimeout=" + idleTimeout + ", workerThreads=" + workerThreads + "]";
  }
}
