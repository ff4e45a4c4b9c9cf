package io.nokv.bench.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StatementWorkerTest {
  /** An UPDATE statement that fails {@code failures} times with {@code sqlState}, then returns {@code count}. */
  private static PreparedStatement update(int failures, String sqlState, int count, AtomicInteger executions) {
    AtomicInteger left = new AtomicInteger(failures);
    return (PreparedStatement) Proxy.newProxyInstance(StatementWorkerTest.class.getClassLoader(),
        new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> switch (method.getName()) {
          case "setLong", "setInt", "setString" -> null;
          case "executeUpdate" -> {
            executions.incrementAndGet();
            if (left.getAndDecrement() > 0) {
              throw new SQLException("injected", sqlState);
            }
            yield count;
          }
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }

  private static StatementWorker worker(PreparedStatement ps, boolean keepGoing) {
    return new StatementWorker(SqlWorkload.UPDATE, ps, new SplittableRandom(1), 100, new AtomicLong(101), keepGoing);
  }

  @Test
  void serializationFailuresAreRetriedAndCounted() throws SQLException {
    AtomicInteger executions = new AtomicInteger();
    StatementWorker w = worker(update(3, StatementWorker.RETRYABLE, 1, executions), false);
    w.runOne();
    assertEquals(4, executions.get());
    assertEquals(1, w.ops);
    assertEquals(3, w.retries);
    assertEquals(0, w.errors);
    assertEquals(1, w.latency.getTotalCount());
  }

  @Test
  void aSerializationFailureThatOutlastsTheRetriesIsAnError() throws SQLException {
    AtomicInteger executions = new AtomicInteger();
    StatementWorker keepGoing = worker(update(100, StatementWorker.RETRYABLE, 1, executions), true);
    keepGoing.runOne();
    assertEquals(SqlBenchConfig.MAX_RETRIES + 1, executions.get());
    assertEquals(SqlBenchConfig.MAX_RETRIES, keepGoing.retries);
    assertEquals(1, keepGoing.errors);
    assertEquals(0, keepGoing.ops);
    assertEquals(StatementWorker.RETRYABLE, keepGoing.firstError.getSQLState());

    StatementWorker failFast = worker(update(100, StatementWorker.RETRYABLE, 1, new AtomicInteger()), false);
    SQLException e = assertThrows(SQLException.class, failFast::runOne);
    assertEquals(StatementWorker.RETRYABLE, e.getSQLState());
  }

  @Test
  void otherFailuresAreNotRetried() throws SQLException {
    AtomicInteger executions = new AtomicInteger();
    StatementWorker keepGoing = worker(update(1, "23505", 1, executions), true);
    keepGoing.runOne();
    assertEquals(1, executions.get());
    assertEquals(0, keepGoing.retries);
    assertEquals(1, keepGoing.errors);
    keepGoing.runOne();
    assertEquals(1, keepGoing.ops, "the next statement succeeds");
    assertEquals("23505", keepGoing.firstError.getSQLState());

    StatementWorker failFast = worker(update(1, "23505", 1, new AtomicInteger()), false);
    assertEquals("23505", assertThrows(SQLException.class, failFast::runOne).getSQLState());
  }

  @Test
  void anUpdateOfNoRowIsUnexpected() throws SQLException {
    StatementWorker w = worker(update(0, null, 0, new AtomicInteger()), false);
    w.runOne();
    assertEquals(1, w.ops);
    assertEquals(1, w.unexpected);
    assertNull(w.firstError);
  }
}
