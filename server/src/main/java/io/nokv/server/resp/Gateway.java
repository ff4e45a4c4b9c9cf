package io.nokv.server.resp;

import io.nokv.server.cli.VersionProvider;
import io.nokv.server.resp.command.CommandTable;
import io.nokv.txn.TxnClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
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
  /** INFO's run_id: 40 random hex digits per start, as Redis's. */
  private final String runId = newRunId();
  private final String nokvVersion = VersionProvider.projectVersion();
  private final ScanCursors cursors = new ScanCursors();
  private final CommandExecutor executor = new CommandExecutor(this);
  private final AtomicInteger openConnections = new AtomicInteger();
  private volatile int boundPort;
  /** The password of the default user; CONFIG SET requirepass changes it. Empty: none. */
  private volatile String requirepass;

  public Gateway(TxnClient client, RespServerConfig config, CommandTable commands) {
    this.client = client;
    this.config = config;
    this.commands = commands;
    this.requirepass = config.passwordRequired() ? config.requirepass() : "";
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

  private static String newRunId() {
    byte[] b = new byte[20];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  public String runId() {
    return runId;
  }

  /** NoKV's version (HELLO's and INFO's {@code nokv_version}). */
  public String nokvVersion() {
    return nokvVersion;
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

  /** The current password ("" when none is set). */
  public String requirepass() {
    return requirepass;
  }

  /** CONFIG SET requirepass: new connections need it; connections already authenticated stay so, as in Redis. */
  public void setRequirepass(String password) {
    this.requirepass = password == null ? "" : password;
  }

  public boolean passwordRequired() {
    return !requirepass.isEmpty();
  }

  /** Whether {@code password} is the current one (compared in constant time: no timing oracle). */
  public boolean passwordMatches(byte[] password) {
    return MessageDigest.isEqual(requirepass.getBytes(StandardCharsets.UTF_8), password);
  }

  /**
   * Counts a new connection; false (and not counted) when {@link RespServerConfig#maxClients} are
   * already open.
   */
  boolean admitConnection() {
    for (;;) {
      int n = openConnections.get();
      if (n >= config.maxClients()) {
        return false;
      }
      if (openConnections.compareAndSet(n, n + 1)) {
        return true;
      }
    }
  }

  void connectionClosed() {
    openConnections.decrementAndGet();
  }

  /** A new session, registered for CLIENT LIST until {@link #closeSession}. */
  public ClientSession openSession(String address, String localAddress) {
    ClientSession s = new ClientSession(nextClientId.incrementAndGet(), address, localAddress, !passwordRequired());
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
