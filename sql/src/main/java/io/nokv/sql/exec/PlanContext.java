package io.nokv.sql.exec;

/**
 * Facts about the statement being planned that its scans need when they are implemented: whether
 * they feed a modification, and whether the query said FOR UPDATE. Planning and implementation run
 * on the preparing thread, so a thread-local suffices.
 */
public final class PlanContext {
  private static final ThreadLocal<Boolean> FOR_UPDATE = ThreadLocal.withInitial(() -> false);
  private static final ThreadLocal<Integer> MODIFY_DEPTH = ThreadLocal.withInitial(() -> 0);

  private PlanContext() {}

  /** Runs {@code body} with FOR UPDATE set for the scans implemented meanwhile. */
  public static <T> T forUpdate(boolean on, java.util.function.Supplier<T> body) {
    boolean prev = FOR_UPDATE.get();
    FOR_UPDATE.set(on);
    try {
      return body.get();
    } finally {
      FOR_UPDATE.set(prev);
    }
  }

  static boolean forUpdate() {
    return FOR_UPDATE.get();
  }

  static void enterModify() {
    MODIFY_DEPTH.set(MODIFY_DEPTH.get() + 1);
  }

  static void exitModify() {
    MODIFY_DEPTH.set(MODIFY_DEPTH.get() - 1);
  }

  static boolean inModify() {
    return MODIFY_DEPTH.get() > 0;
  }
}
