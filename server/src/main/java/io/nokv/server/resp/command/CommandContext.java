package io.nokv.server.resp.command;

import io.nokv.server.resp.Gateway;
import io.nokv.server.resp.ClientSession;
import io.nokv.server.resp.protocol.RespException;
import io.nokv.server.resp.store.Keyspace;

/** What a running command sees: its arguments, the transaction's keyspace, the client and the gateway. */
public final class CommandContext {
  private final Args args;
  private final Keyspace keyspace;
  private final ClientSession session;
  private final Gateway gateway;

  public CommandContext(Args args, Keyspace keyspace, ClientSession session, Gateway gateway) {
    this.args = args;
    this.keyspace = keyspace;
    this.session = session;
    this.gateway = gateway;
  }

  public Args args() {
    return args;
  }

  /** The keyspace of the command's transaction; null for commands flagged CONNECTION. */
  public Keyspace keyspace() {
    if (keyspace == null) {
      throw new IllegalStateException("command " + args.name() + " runs without a transaction");
    }
    return keyspace;
  }

  public ClientSession session() {
    return session;
  }

  public Gateway gateway() {
    return gateway;
  }

  /** Throws Redis's syntax error unless {@code condition}. */
  public static void require(boolean condition) {
    if (!condition) {
      throw RespException.syntax();
    }
  }
}
