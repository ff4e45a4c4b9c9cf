package io.nokv.sql.exec;

import java.util.List;

/**
 * What one scan does at run time; built once when the plan is implemented and shared by every
 * execution of it (stashed in the generated code), so it is immutable.
 *
 * @param tableId the table
 * @param indexId the index read, or 0 for the primary key
 * @param ranges the key ranges, in scan order; null for the whole table
 * @param outColumnIds the columns each output row holds, in order
 * @param reverse whether to scan in descending key order
 * @param forWrite whether the scan feeds an INSERT, UPDATE or DELETE (it then reads in the
 *     statement's transaction)
 * @param lockRows whether each row read is locked (SELECT ... FOR UPDATE)
 * @param limit the most rows the consumer takes, or -1; used to size fetches
 */
public record ScanSpec(
    long tableId,
    long indexId,
    List<RangeSpec> ranges,
    int[] outColumnIds,
    boolean reverse,
    boolean forWrite,
    boolean lockRows,
    ValueSource limit) {

  /** One key range at run time: equality values, then optional bounds on the next key column. */
  public record RangeSpec(ValueSource[] eq, ValueSource lo, boolean loInclusive, ValueSource hi, boolean hiInclusive) {}
}
