package io.nokv.sql.catalog;

/**
 * A secondary index. Its entries live at {@code t{tableId}_i{id}{indexed columns}{primary key}};
 * a unique index keeps the primary key in the entry's value instead while all indexed values are
 * non-null, so that a second entry with the same values collides.
 *
 * @param id index id, unique within its table
 * @param name index name, unique within its schema
 * @param columnIds the indexed columns, in index order
 * @param unique whether equal non-null values are refused
 * @param state whether queries may read it yet
 */
public record IndexDef(long id, String name, int[] columnIds, boolean unique, IndexState state) {
  public IndexDef withState(IndexState s) {
    return new IndexDef(id, name, columnIds, unique, s);
  }

  public boolean isPublic() {
    return state == IndexState.PUBLIC;
  }
}
