package io.nokv.server.resp;

import io.nokv.server.resp.command.Args;
import io.nokv.server.resp.protocol.Reply;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Runs concurrent single-key writes of different connections to the same key in one transaction.
 *
 * <p>Why: every write of a key rewrites its metadata record, so two transactions writing one key
 * conflict and one of them runs again. Fifty clients doing HSET on one hash (what redis-benchmark
 * does) would spend their time in conflicts and backoff, one commit (one fsync) at a time. Here
 * the first writer of a key becomes its leader and runs alone; writers that arrive while it
 * commits queue behind it, and the next of them runs the whole queue as one group: one
 * transaction, one commit, each command with its own reply, in arrival order (which is a valid
 * serial order: they were concurrent). The leader hands over after each batch, so no writer waits
 * for more than the batch before its own. An uncontended write pays one map lookup.
 */
final class KeyWriteCombiner {
  /** Most commands one group runs. */
  static final int MAX_BATCH = 256;

  /** One queued write: the command, and its reply once run. */
  static final class Item {
    final ClientSession session;
    final Args args;
    private Reply reply;
    private boolean leads;

    Item(ClientSession session, Args args) {
      this.session = session;
      this.args = args;
    }
  }

  /** The writers of one key: the queue and whether a leader is running a batch. */
  private static final class Lane {
    final ArrayDeque<Item> queue = new ArrayDeque<>();
    boolean running;
  }

  private final ConcurrentHashMap<ByteBuffer, Lane> lanes = new ConcurrentHashMap<>();
  private final Function<Item, Reply> alone;
  private final BiFunction<List<Item>, Boolean, List<Reply>> group;

  /**
   * @param alone runs one command in its own transaction and returns its reply (never throws)
   * @param group runs commands in one transaction and returns their replies, or null when they
   *     must run alone instead (the Boolean is unused and false)
   */
  KeyWriteCombiner(Function<Item, Reply> alone, BiFunction<List<Item>, Boolean, List<Reply>> group) {
    this.alone = alone;
    this.group = group;
  }

  /** Runs {@code args} (a write of the single key {@code key}) and returns its reply. */
  Reply run(byte[] key, ClientSession session, Args args) {
    ByteBuffer k = ByteBuffer.wrap(key);
    Lane lane = lanes.computeIfAbsent(k, x -> new Lane());
    Item me = new Item(session, args);
    synchronized (lane) {
      lane.queue.add(me);
      if (lane.running) {
        boolean interrupted = false;
        while (me.reply == null && !me.leads) {
          try {
            lane.wait();
          } catch (InterruptedException e) {
            interrupted = true; // a command in a batch must still get its reply
          }
        }
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
        if (me.reply != null) {
          return me.reply;
        }
      }
      lane.running = true;
    }
    // This thread leads: run one batch (its own command is in it), then hand over.
    List<Item> batch = new ArrayList<>();
    synchronized (lane) {
      while (!lane.queue.isEmpty() && batch.size() < MAX_BATCH) {
        batch.add(lane.queue.poll());
      }
    }
    List<Reply> replies = null;
    try {
      replies = batch.size() == 1 ? null : group.apply(batch, false);
      if (replies == null) {
        replies = new ArrayList<>(batch.size());
        for (Item item : batch) {
          replies.add(alone.apply(item));
        }
      }
    } finally {
      synchronized (lane) {
        for (int i = 0; i < batch.size(); i++) {
          batch.get(i).reply = replies != null && i < replies.size()
              ? replies.get(i) : Reply.error("ERR internal error while running a combined write");
        }
        Item next = lane.queue.peek();
        if (next != null) {
          next.leads = true; // it wakes and runs the queue as the next batch
        } else {
          lane.running = false;
          lanes.remove(k, lane);
        }
        lane.notifyAll();
      }
    }
    return me.reply;
  }
}
