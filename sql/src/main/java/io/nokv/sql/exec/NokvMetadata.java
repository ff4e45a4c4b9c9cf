package io.nokv.sql.exec;

import com.google.common.collect.ImmutableList;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.rel.metadata.BuiltInMetadata;
import org.apache.calcite.rel.metadata.MetadataDef;
import org.apache.calcite.rel.metadata.MetadataHandler;
import org.apache.calcite.rel.metadata.ReflectiveRelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMetadataQuery;

/**
 * Planner metadata for {@link NokvTableScan}: the order it yields rows in (its access path's key
 * order, in its direction, over its output columns), so that filters and projections above it
 * keep that order and the planner drops sorts it satisfies.
 */
public final class NokvMetadata implements MetadataHandler<BuiltInMetadata.Collation> {
  public static final RelMetadataProvider SOURCE =
      ReflectiveRelMetadataProvider.reflectiveSource(new NokvMetadata(), BuiltInMetadata.Collation.Handler.class);

  private NokvMetadata() {}

  @Override
  public MetadataDef<BuiltInMetadata.Collation> getDef() {
    return BuiltInMetadata.Collation.DEF;
  }

  public ImmutableList<RelCollation> collations(NokvTableScan scan, RelMetadataQuery mq) {
    return ImmutableList.copyOf(scan.getTraitSet().getTraits(RelCollationTraitDef.INSTANCE));
  }
}
