package io.nokv.sql.catalog;

/** A stored catalog record that cannot be read: a bad magic, an unknown version or a checksum mismatch. */
public final class CatalogFormatException extends RuntimeException {
  public CatalogFormatException(String message) {
    super(message);
  }
}
