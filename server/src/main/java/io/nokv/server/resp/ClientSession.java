package io.nokv.server.resp;

import io.nokv.server.resp.command.Args;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One client connection's state. Touched only by the thread that runs the connection's commands
 * at the moment (commands of one connection run one at a time, in order); CLIENT LIST reads the
 * volatile fields from other threads.
 */
public final class ClientSession {
  private final long id;
  private final String address;
  private final String localAddress;
  private final long createdMillis;
  private volatile String name = "";
  private volatile String libName = "";
  private volatile String libVersion = "";
  private volatile int protocol = 2;
  private volatile boolean authenticated;
  private volatile long lastCommandMillis;
  private volatile String lastCommand = "NULL";
  private volatile boolean closeAfterReply;

  /** Commands queued since MULTI, or null outside MULTI. */
  private List<Args> queued;
  /** Whether a command queued since MULTI was refused (EXEC then answers EXECABORT). */
  private boolean multiFailed;
  /** WATCHed keys and the metadata record each had when watched (null: missing), in WATCH order. */
  private final Map<WatchedKey, byte[]> watched = new LinkedHashMap<>();

  public ClientSession(long id, String address, String localAddress, boolean authenticated) {
    this.id = id;
    this.address = address;
    this.localAddress = localAddress;
    this.createdMillis = System.currentTimeMillis();
    this.lastCommandMillis = createdMillis;
    this.authenticated = authenticated;
  }

  public long id() {
    return id;
  }

  public String address() {
    return address;
  }

  public String localAddress() {
    return localAddress;
  }

  public long createdMillis() {
    return createdMillis;
  }

  public String name() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String libName() {
    return libName;
  }

  public void setLibName(String libName) {
    this.libName = libName;
  }

  public String libVersion() {
    return libVersion;
  }

  public void setLibVersion(String libVersion) {
    this.libVersion = libVersion;
  }

  /** 2 or 3, as chosen by HELLO. */
  public int protocol() {
    return protocol;
  }

  public void setProtocol(int protocol) {
    this.protocol = protocol;
  }

  public boolean isAuthenticated() {
    return authenticated;
  }

  public void setAuthenticated(boolean authenticated) {
    this.authenticated = authenticated;
  }

  public long lastCommandMillis() {
    return lastCommandMillis;
  }

  public String lastCommand() {
    return lastCommand;
  }

  public void touched(String command, long nowMillis) {
    this.lastCommand = command;
    this.lastCommandMillis = nowMillis;
  }

  /** Set by QUIT: the connection closes once this command's reply is written. */
  public boolean closeAfterReply() {
    return closeAfterReply;
  }

  public void setCloseAfterReply(boolean close) {
    this.closeAfterReply = close;
  }

  public boolean inMulti() {
    return queued != null;
  }

  public void beginMulti() {
    queued = new ArrayList<>();
    multiFailed = false;
  }

  public void queue(Args args) {
    queued.add(args);
  }

  public void markMultiFailed() {
    multiFailed = true;
  }

  public boolean multiFailed() {
    return multiFailed;
  }

  /** Ends MULTI: returns the queued commands and forgets them. */
  public List<Args> endMulti() {
    List<Args> q = queued;
    queued = null;
    multiFailed = false;
    return q;
  }

  /** How many commands MULTI has queued, or -1 outside MULTI (CLIENT LIST's {@code multi=}). */
  public int queuedCount() {
    List<Args> q = queued;
    return q == null ? -1 : q.size();
  }

  /**
   * RESET: leaves MULTI, forgets WATCHed keys and the name, goes back to RESP2, and needs AUTH again
   * when a password is set.
   */
  public void reset(boolean passwordRequired) {
    queued = null;
    multiFailed = false;
    watched.clear();
    name = "";
    protocol = 2;
    if (passwordRequired) {
      authenticated = false;
    }
  }

  public Map<WatchedKey, byte[]> watched() {
    return watched;
  }

  /** A WATCHed key (its bytes, compared by content). */
  public record WatchedKey(byte[] key) {
    @Override
    public boolean equals(Object o) {
      return o instanceof WatchedKey w && java.util.Arrays.equals(key, w.key);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(key);
    }
  }
}
