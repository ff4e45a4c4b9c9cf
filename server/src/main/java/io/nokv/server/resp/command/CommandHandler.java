package io.nokv.server.resp.command;

import io.nokv.server.resp.protocol.Reply;

/**
 * Runs one command. It may be run more than once for one request (the transaction is retried on
 * a write conflict), so it must have no effect outside {@link CommandContext#keyspace()} before it
 * returns. Failures are thrown as {@link io.nokv.server.resp.protocol.RespException}.
 */
@FunctionalInterface
public interface CommandHandler {
  Reply run(CommandContext ctx);
}
