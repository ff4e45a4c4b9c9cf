package io.nokv.sql.exec;

import io.nokv.sql.SqlStateException;
import io.nokv.sql.catalog.TableDef;
import io.nokv.sql.session.Session;
import io.nokv.sql.session.Sessions;
import io.nokv.sql.session.StatementScope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.core.TableModify;

/** What the code Calcite generates for NoKV scans and modifications calls at run time. */
public final class NokvRuntime {
  private NokvRuntime() {}

  /** The rows of a scan; nothing is read until the first row is asked for. */
  public static Enumerable<Object[]> scan(DataContext root, ScanSpec spec) {
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        Session session = Sessions.of(root);
        StatementScope scope = session.scopeFor(root);
        return new ScanCursor(root, spec, scope, table(session, spec.tableId()));
      }
    };
  }

  /** The values of a one-column scan. */
  public static Enumerable<Object> scanScalar(DataContext root, ScanSpec spec) {
    return scan(root, spec).select(row -> row[0]);
  }

  /** Applies an INSERT, UPDATE or DELETE; returns the one-row count. */
  public static Enumerable<Long> modify(DataContext root, ModifySpec spec, Enumerable<Object[]> input) {
    Session session = Sessions.of(root);
    StatementScope scope = session.scopeFor(root);
    // Read every input row before writing any: a statement never sees its own changes.
    List<Object[]> rows = new ArrayList<>();
    try (Enumerator<Object[]> e = input.enumerator()) {
      while (e.moveNext()) {
        rows.add(e.current());
      }
    }
    TableDef def = table(session, spec.tableId());
    TableCodec codec = TableCodecs.codec(def);
    boolean eager = session.inTransaction() || rows.size() > 1;
    TableWriter writer = new TableWriter(codec, scope.writeTxn(), session.catalog(), eager);
    int n = def.columns().size();
    for (Object[] row : rows) {
      switch (spec.operation()) {
        case INSERT -> writer.insert(writer.prepare(row));
        case DELETE -> {
          Object[] old = Arrays.copyOf(row, n);
          writer.delete(old, rowKeyOf(scope, codec, old));
        }
        case UPDATE -> {
          Object[] old = Arrays.copyOf(row, n);
          Object[] updated = old.clone();
          int[] targets = spec.updateOrdinals();
          for (int i = 0; i < targets.length; i++) {
            updated[targets[i]] = row[n + i];
          }
          writer.update(old, rowKeyOf(scope, codec, old), writer.prepare(updated));
        }
        default -> throw new SqlStateException(SqlStateException.FEATURE_NOT_SUPPORTED,
            spec.operation() + " is not supported");
      }
    }
    scope.wrote(def);
    scope.writesDone();
    return Linq4j.singletonEnumerable((long) rows.size());
  }

  private static byte[] rowKeyOf(StatementScope scope, TableCodec codec, Object[] oldRow) {
    if (!codec.def().hasHiddenRowId()) {
      return codec.rowKey(codec.encodePk(oldRow));
    }
    byte[] key = scope.takeRowKey(TableWriter.valuesKey(codec, oldRow));
    if (key == null) {
      throw new IllegalStateException("internal: no row key recorded for a row of " + codec.def().name());
    }
    return key;
  }

  static TableDef table(Session session, long tableId) {
    TableDef def = session.catalog().current().table(tableId);
    if (def == null) {
      throw new SqlStateException(SqlStateException.UNDEFINED_TABLE,
          "the table this statement was prepared for has been dropped");
    }
    return def;
  }

  /** The operation of a NoKV table modification, as the generated code passes it. */
  public record ModifySpec(long tableId, TableModify.Operation operation, int[] updateOrdinals) {}
}
