package io.nokv.sql.catalog;

import io.nokv.sql.encoding.SqlType;

/**
 * A column of a table.
 *
 * @param id stable id, the key of the column's value in a row; never reused within a table
 * @param name the column's name as stored (unquoted names are folded to lower case)
 * @param type its SQL type
 * @param nullable false for NOT NULL (and primary-key) columns
 * @param defaultSql the DEFAULT expression as written, or null for no default (NULL)
 * @param originDefault the value that rows written before this column existed read back for it
 *     (the DEFAULT evaluated when the column was added; null for columns created with the table)
 */
public record ColumnDef(int id, String name, SqlType type, boolean nullable, String defaultSql, Object originDefault) {}
