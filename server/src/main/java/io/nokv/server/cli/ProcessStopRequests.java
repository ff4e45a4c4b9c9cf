package io.nokv.server.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stop requests from the operating system, for {@code nokv server} in its own process.
 *
 * <ul>
 *   <li><b>SIGINT and SIGTERM</b> (Ctrl-C, {@code kill}) get handlers that only request the stop:
 *       the command's thread then stops the endpoint, closes the database and returns, and the
 *       process exits 0. (Left to the JVM's default, these signals run the shutdown hooks but end
 *       the process with 130 or 143.) See {@link OsSignals}.
 *   <li><b>Any other JVM shutdown</b> (SIGHUP, {@code System.exit} elsewhere) runs a shutdown hook
 *       that requests the stop and waits, up to {@value #SHUTDOWN_WAIT_SECONDS} s, until {@link
 *       #close} says everything is closed, so the database is not cut off mid-write.
 * </ul>
 */
final class ProcessStopRequests implements StopRequests {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessStopRequests.class);
  static final long SHUTDOWN_WAIT_SECONDS = 30;
  private static final List<String> SIGNALS = List.of("INT", "TERM");

  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final List<Runnable> restoreSignals = new ArrayList<>();
  private final Thread hook = new Thread(this::onJvmShutdown, "nokv-server-shutdown");
  private volatile boolean jvmShuttingDown;

  ProcessStopRequests() {
    for (String name : SIGNALS) {
      try {
        OsSignals.Restore restore = OsSignals.handle(name, () -> {
          LOG.info("SIG{} received: stopping", name);
          stopRequested.countDown();
        });
        restoreSignals.add(restore::restore);
      } catch (IllegalArgumentException | UnsupportedOperationException e) {
        // The JVM reserves the signal (e.g. with -Xrs): the shutdown hook still stops the server
        // cleanly, only the exit code will be the JVM's (128 + signal number).
        LOG.warn("cannot handle SIG{} ({}); it will stop the server through the shutdown hook", name, e.getMessage());
      }
    }
    Runtime.getRuntime().addShutdownHook(hook);
  }

  private void onJvmShutdown() {
    jvmShuttingDown = true;
    stopRequested.countDown();
    try {
      if (!stopped.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS)) {
        LOG.warn("the server did not stop within {} s of the JVM shutting down", SHUTDOWN_WAIT_SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void awaitStopRequest() throws InterruptedException {
    stopRequested.await();
  }

  @Override
  public void close() {
    stopped.countDown();
    restoreSignals.forEach(Runnable::run);
    if (!jvmShuttingDown) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // The JVM started shutting down between the check and the call: the hook runs and returns
        // at once, because stopped is already counted down.
        LOG.debug("JVM shutdown already in progress", e);
      }
    }
  }
}
