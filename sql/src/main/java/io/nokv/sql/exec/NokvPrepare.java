package io.nokv.sql.exec;

import java.lang.reflect.Type;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.sql2rel.ConvertToChecked;
import org.apache.calcite.plan.RelOptCostFactory;
import org.apache.calcite.rel.metadata.ChainedRelMetadataProvider;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.prepare.CalcitePrepareImpl;

/**
 * Calcite's statement preparation with NoKV's planner rules added, and a plan cache: an ad-hoc
 * statement whose text, connection, default schema and catalog version match an earlier one reuses
 * its compiled plan instead of being parsed, planned and compiled again (tens of milliseconds).
 */
public final class NokvPrepare extends CalcitePrepareImpl {
  private static final java.util.concurrent.atomic.AtomicLong PLANS_MADE = new java.util.concurrent.atomic.AtomicLong();
  private final PlanCache cache;

  public NokvPrepare(PlanCache cache) {
    this.cache = cache;
  }

  @Override
  protected RelOptPlanner createPlanner(org.apache.calcite.jdbc.CalcitePrepare.Context prepareContext,
      org.apache.calcite.plan.Context externalContext,
      RelOptCostFactory costFactory) {
    PLANS_MADE.incrementAndGet();
    RelOptPlanner planner = super.createPlanner(prepareContext, externalContext, costFactory);
    for (RelOptRule r : NokvRules.all()) {
      planner.addRule(r);
    }
    return planner;
  }

  @Override
  protected RelOptCluster createCluster(RelOptPlanner planner, RexBuilder rexBuilder) {
    RelOptCluster cluster = super.createCluster(planner, rexBuilder);
    cluster.setMetadataProvider(ChainedRelMetadataProvider.of(
        List.of(NokvMetadata.SOURCE, cluster.getMetadataProvider())));
    return cluster;
  }

  /**
   * Calcite's statement preparation with checked integer arithmetic: an INTEGER or BIGINT result
   * that overflows fails (22003) instead of wrapping around. Calcite does this only for the
   * BigQuery conformance; NoKV wants it with its own (lenient) conformance.
   */
  @Override
  protected CalcitePreparingStmt getPreparingStmt(org.apache.calcite.jdbc.CalcitePrepare.Context context,
      java.lang.reflect.Type elementType, CalciteCatalogReader catalogReader, RelOptPlanner planner) {
    EnumerableRel.Prefer prefer =
        elementType == Object[].class ? EnumerableRel.Prefer.ARRAY : EnumerableRel.Prefer.CUSTOM;
    return new CalcitePreparingStmt(this, context, catalogReader, context.getTypeFactory(), context.getRootSchema(),
        prefer, createCluster(planner, new RexBuilder(context.getTypeFactory())), EnumerableConvention.INSTANCE,
        createConvertletTable()) {
      @Override
      protected RelRoot trimUnusedFields(RelRoot root) {
        RelRoot trimmed = super.trimUnusedFields(root);
        return trimmed.withRel(new ConvertToChecked(trimmed.rel.getCluster().getRexBuilder()).visit(trimmed.rel));
      }
    };
  }

  /** How many statements have been planned in this JVM (each planning creates one planner). */
  public static long plansMade() {
    return PLANS_MADE.get();
  }

  @Override
  public <T> CalciteSignature<T> prepareSql(org.apache.calcite.jdbc.CalcitePrepare.Context context, Query<T> query, Type elementType,
      long maxRowCount) {
    if (query.sql == null) {
      return super.prepareSql(context, query, elementType, maxRowCount);
    }
    PlanCache.Key key = new PlanCache.Key(context.getMutableRootSchema(), List.copyOf(context.getDefaultSchemaPath()),
        query.sql, maxRowCount, PlanContext.forUpdate(), cache.catalogVersion());
    @SuppressWarnings("unchecked")
    CalciteSignature<T> s = (CalciteSignature<T>) cache.get(key);
    if (s == null) {
      s = super.prepareSql(context, query, elementType, maxRowCount);
      cache.put(key, s);
    }
    return s;
  }
}
