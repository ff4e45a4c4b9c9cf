package io.nokv.sql.exec;

import io.nokv.sql.catalog.Catalog;
import io.nokv.sql.catalog.TableDef;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.linq4j.function.Predicate1;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.schema.lookup.Lookup;
import org.apache.calcite.schema.lookup.Named;

/**
 * One NoKV schema as Calcite sees it. Tables are looked up in the catalog's current snapshot on
 * every request, so DDL from any session is visible to the next statement planned.
 */
public final class NokvSchema extends AbstractSchema {
  private final Catalog catalog;
  private final String name;
  private final Map<Long, NokvTable> tables = new ConcurrentHashMap<>();

  public NokvSchema(Catalog catalog, String name) {
    this.catalog = catalog;
    this.name = name;
  }

  public String name() {
    return name;
  }

  private NokvTable table(TableDef def) {
    NokvTable t = tables.get(def.id());
    if (t == null || t.def() != def) {
      t = new NokvTable(def);
      tables.put(def.id(), t);
    }
    return t;
  }

  @Override
  public Lookup<Table> tables() {
    return new Lookup<>() {
      @Override
      public Table get(String tableName) {
        TableDef def = catalog.current().table(name, tableName);
        return def == null ? null : table(def);
      }

      @Override
      public Named<Table> getIgnoreCase(String tableName) {
        for (TableDef def : catalog.current().tables(name)) {
          if (def.name().equalsIgnoreCase(tableName)) {
            return new Named<>(def.name(), table(def));
          }
        }
        return null;
      }

      @Override
      public Set<String> getNames(LikePattern pattern) {
        Predicate1<String> m = pattern.matcher();
        Set<String> names = new TreeSet<>();
        for (TableDef def : catalog.current().tables(name)) {
          if (m.apply(def.name())) {
            names.add(def.name());
          }
        }
        return names;
      }
    };
  }
}
