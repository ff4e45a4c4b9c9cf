package io.nokv.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShutdownCleanupTest {
  @Test
  void pendingActionsRunOnceInReverseOrder() {
    List<String> ran = new ArrayList<>();
    try (ShutdownCleanup cleanup = new ShutdownCleanup("test", new PrintStream(System.err))) {
      cleanup.add("delete", () -> ran.add("delete"));
      ShutdownCleanup.Action stop = cleanup.add("stop", () -> ran.add("stop"));
      cleanup.add("other", () -> ran.add("other"));
      stop.close();
      stop.close();
      assertEquals(List.of("stop"), ran, "closed once, runs once");
    }
    assertEquals(List.of("stop", "other", "delete"), ran, "the rest in reverse order of registration");
  }
}
