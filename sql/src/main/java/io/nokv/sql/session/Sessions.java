package io.nokv.sql.session;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.DataContext;

/**
 * Finds the session of a running statement. Calcite hands generated code a {@link DataContext}
 * whose query provider is the (internal) Calcite connection; each NoKV connection registers its
 * session under that connection for its lifetime.
 */
public final class Sessions {
  private static final Map<Object, Session> BY_CONNECTION = new ConcurrentHashMap<>();

  private Sessions() {}

  public static void register(Object calciteConnection, Session session) {
    BY_CONNECTION.put(calciteConnection, session);
  }

  public static void unregister(Object calciteConnection) {
    BY_CONNECTION.remove(calciteConnection);
  }

  public static Session of(DataContext root) {
    Session s = BY_CONNECTION.get(root.getQueryProvider());
    if (s == null) {
      throw new IllegalStateException("no NoKV session for this statement; was its connection closed?");
    }
    return s;
  }
}
