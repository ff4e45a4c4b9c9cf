package io.nokv.bench.sql;

import java.util.Arrays;
import java.util.List;

/**
 * The statements {@code nokv bench sql} measures, one workload at a time, each statement in its own
 * transaction (autocommit). Ids of the loaded rows are 1..rows; {@code insert} writes new ids above
 * them, taken from one counter shared by the client threads.
 */
enum SqlWorkload {
  POINT_SELECT("point-select", "SELECT id, k, c, pad FROM bench_kv WHERE id = ?",
      "one row by primary key, a uniformly random loaded id; reads every column"),
  RANGE_SELECT("range-select", "SELECT id, k, c, pad FROM bench_kv WHERE id >= ? AND id < ?",
      "10 consecutive rows by primary key range [id, id + 10), id uniformly random; reads all 10 rows"),
  INSERT("insert", "INSERT INTO bench_kv (id, k, c, pad) VALUES (?, ?, ?, ?)",
      "one new row with the next id above the loaded ones"),
  UPDATE("update", "UPDATE bench_kv SET c = ? WHERE id = ?",
      "one row by primary key, a uniformly random loaded id, a new value for the non-indexed column c");

  final String label;
  final String sql;
  final String description;

  SqlWorkload(String label, String sql, String description) {
    this.label = label;
    this.sql = sql;
    this.description = description;
  }

  static final String ALL = "point-select,range-select,insert,update";

  /** Rows a range-select reads. */
  static final int RANGE_ROWS = 10;

  static SqlWorkload byLabel(String label) {
    for (SqlWorkload w : values()) {
      if (w.label.equalsIgnoreCase(label.trim())) {
        return w;
      }
    }
    return null;
  }

  static List<String> labels() {
    return Arrays.stream(values()).map(w -> w.label).toList();
  }
}
