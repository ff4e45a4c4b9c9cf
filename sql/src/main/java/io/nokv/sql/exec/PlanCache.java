package io.nokv.sql.exec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.nokv.sql.catalog.Catalog;
import java.util.List;
import org.apache.calcite.jdbc.CalcitePrepare;

/**
 * Compiled plans of ad-hoc statements. A plan is bound to the connection it was made on (its root
 * schema) and to the catalog version, so DDL makes every older plan unreachable.
 */
public final class PlanCache {
  private final Catalog catalog;
  private final Cache<Key, CalcitePrepare.CalciteSignature<?>> plans =
      Caffeine.newBuilder().maximumSize(4096).build();

  public PlanCache(Catalog catalog) {
    this.catalog = catalog;
  }

  record Key(Object rootSchema, List<String> schemaPath, String sql, long maxRowCount, boolean forUpdate,
      long catalogVersion) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.rootSchema == rootSchema && k.schemaPath.equals(schemaPath)
          && k.sql.equals(sql) && k.maxRowCount == maxRowCount && k.forUpdate == forUpdate
          && k.catalogVersion == catalogVersion;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(rootSchema) * 31 + sql.hashCode() + Long.hashCode(catalogVersion);
    }
  }

  long catalogVersion() {
    return catalog.current().version();
  }

  CalcitePrepare.CalciteSignature<?> get(Key k) {
    return plans.getIfPresent(k);
  }

  void put(Key k, CalcitePrepare.CalciteSignature<?> s) {
    plans.put(k, s);
  }

  public long size() {
    return plans.estimatedSize();
  }
}
