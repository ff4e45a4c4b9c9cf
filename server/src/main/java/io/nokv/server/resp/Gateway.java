package io.nokv.server.resp;

import io.nokv.server.resp.command.CommandTable;
import io.nokv.txn.TxnClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What all connections of one RESP gateway share: the store's client, the command table, the
 * connected clients, counters and settings.
 */
public final class Gateway {
  private final TxnClient client;
  private final RespServerConfig config;
  private final CommandTable commands;
  private final RespStats stats = new RespStats();
  private final Map<Long, ClientSession> clients = new ConcurrentHashMap<>();
  private final AtomicLong nextClientId = new AtomicLong();
  private final long startMillis = System.currentTimeMillis();
  private final ScanCursors cursors = new ScanCursors();
  private final CommandExecutor executor = new CommandExecutor(this);
  private volatile int boundPort;

  public Gateway(TxnClient client, RespServerConfig config, CommandTable commands) {
    this.client = client;
    this.config = config;
    this.commands = commands;
  }

  public TxnClient client() {
    return client;
  }

  public RespServerConfig config() {
    return config;
  }

  public CommandTable commands() {
    return commands;
  }

  public CommandExecutor executor() {
    return executor;
  }

  public RespStats stats() {
    return stats;
  }

  public ScanCursors cursors() {
    return cursors;
  }

  public long startMillis() {
    return startMillis;
  }

  public int boundPort() {
    return boundPort;
  }

  void setBoundPort(int port) {
    this.boundPort = port;
  }

  /** A new session, registered for CLIENT LIST until {@link #closeSession}. */
  public ClientSession openSession(String address, String localAddress) {
    ClientSession s = new ClientSession(nextClientId.incrementAndGet(), address, localAddress, !config.passwordRequired());
    clients.put(s.id(), s);
    return s;
  }

  public void closeSession(ClientSession s) {
    clients.remove(s.id());
  }

  public Map<Long, ClientSession> clients() {
    return clients;
  }
}
