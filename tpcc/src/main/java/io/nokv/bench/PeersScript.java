package io.nokv.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Runs the repository's {@code scripts/peers.sh} (which starts and stops PostgreSQL and Redis for
 * the benchmarks) to its end: {@code bash <home>/scripts/peers.sh COMMAND ARGS...} in {@code home}.
 * The script prints what a caller needs on stdout, its messages on stderr, and exits with 0, 1
 * (failure), 2 (usage) or {@value #EXIT_NOT_INSTALLED} (the peer is not installed).
 */
public final class PeersScript {
  /** peers.sh's exit code when the peer is not installed (the fix: {@code scripts/peers.sh install}). */
  public static final int EXIT_NOT_INSTALLED = 3;

  private PeersScript() {}

  /** Runs {@code peers.sh args...}, at most {@code timeout} (then it is killed and this throws). */
  public static ChildProcess.Result run(Path home, Duration timeout, String... args)
      throws IOException, InterruptedException, TimeoutException {
    List<String> command = new ArrayList<>(List.of("bash", home.resolve("scripts").resolve("peers.sh").toString()));
    command.addAll(List.of(args));
    return ChildProcess.run("scripts/peers.sh " + args[0], command, home, Map.of(), timeout);
  }

  /** What a finished run said: its stderr (or stdout when stderr is empty), lines joined with " | ". */
  public static String tail(ChildProcess.Result r) {
    List<String> lines = r.stderr().isEmpty() ? r.stdout() : r.stderr();
    return lines.isEmpty() ? "(no output)" : String.join(" | ", lines);
  }
}
