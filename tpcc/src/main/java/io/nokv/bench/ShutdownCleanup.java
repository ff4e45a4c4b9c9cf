package io.nokv.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Cleanup actions (stop a server, delete its directory) that must run even when the JVM is stopped
 * (Ctrl-C): each {@link #add}ed action runs once, either when its {@link Action} is closed (the
 * normal path, in try-with-resources) or from one shutdown hook that runs the actions still pending
 * in reverse order of registration, so a server is stopped before its directory is deleted. JVM
 * shutdown hooks run concurrently with each other, which is why there is one hook, not one per action.
 */
public final class ShutdownCleanup implements AutoCloseable {
  private final List<Action> pending = new ArrayList<>();
  private final Thread hook;
  private final PrintStream err;
  private final String name;

  /**
   * {@code name} names the hook thread and, with dashes as spaces, starts each message about a
   * failed action on {@code err} (e.g. {@code nokv-bench-sql}: "nokv bench sql: cleanup failed: ...").
   */
  public ShutdownCleanup(String name, PrintStream err) {
    this.err = err;
    this.name = name;
    this.hook = new Thread(this::runPending, name + "-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Registers {@code action}; closing the returned {@link Action} runs it (once) and deregisters it. */
  public Action add(String what, Runnable action) {
    Action a = new Action(what, action);
    synchronized (pending) {
      pending.add(a);
    }
    return a;
  }

  /** Runs what is still pending (normally nothing) and removes the hook. */
  @Override
  public void close() {
    runPending();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is shutting down: the hook runs (or ran) the pending actions itself.
    }
  }

  private void runPending() {
    List<Action> todo;
    synchronized (pending) {
      todo = new ArrayList<>(pending);
    }
    for (int i = todo.size() - 1; i >= 0; i--) {
      Action a = todo.get(i);
      try {
        a.close();
      } catch (RuntimeException e) {
        err.println(name.replace('-', ' ') + ": cleanup failed: " + a.what + ": " + e);
      }
    }
  }

  /** One registered action. */
  public final class Action implements AutoCloseable {
    private final String what;
    private final Runnable action;
    private boolean done;

    private Action(String what, Runnable action) {
      this.what = what;
      this.action = action;
    }

    /**
     * Runs the action unless it already ran; a failure propagates (after deregistering). A second
     * caller waits until the first one's run has finished: the hook must not let the JVM exit while
     * the main thread is still deleting a directory.
     */
    @Override
    public synchronized void close() {
      if (done) {
        return;
      }
      done = true;
      synchronized (pending) {
        pending.remove(this);
      }
      action.run();
    }
  }
}
