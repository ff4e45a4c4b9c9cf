package io.nokv.sql.exec;

import io.nokv.sql.SqlStateException;
import io.nokv.sql.catalog.IndexDef;
import io.nokv.sql.catalog.TableDef;
import io.nokv.sql.encoding.KeyCodec;
import io.nokv.sql.encoding.KeyReader;
import io.nokv.sql.encoding.KeyWriter;
import io.nokv.sql.encoding.RowDecoder;
import io.nokv.sql.encoding.SqlType;
import io.nokv.sql.encoding.TableKeys;
import io.nokv.sql.session.RowReader;
import io.nokv.sql.session.StatementScope;
import io.nokv.txn.rpc.KvPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerator;

/**
 * Streams the rows of one scan: its key ranges in order, each read in batches through the
 * statement's reader; through an index, each entry is turned into its row by a point read unless
 * the index holds every column the query needs.
 */
final class ScanCursor implements Enumerator<Object[]> {
  private static final int MAX_BATCH = 256;

  private final DataContext root;
  private final ScanSpec spec;
  private final StatementScope scope;
  private final RowReader reader;
  private final TableDef def;
  private final TableCodec codec;
  private final IndexDef index;
  private final SqlType[] keyTypes;
  private final RowDecoder decoder;
  private final boolean covering;
  private final int[] coverPositions;
  private final boolean rememberRowKeys;
  private final int batch;
  private List<byte[][]> ranges;
  private int rangeIndex;
  private Iterator<KvPair> current;
  private Object[] row;

  ScanCursor(DataContext root, ScanSpec spec, StatementScope scope, TableDef def) {
    this.root = root;
    this.spec = spec;
    this.scope = scope;
    this.def = def;
    this.codec = TableCodecs.codec(def);
    this.reader = scope.reader(spec.forWrite() || spec.lockRows());
    for (int id : spec.outColumnIds()) {
      if (def.columnById(id) == null) {
        throw new SqlStateException(SqlStateException.UNDEFINED_COLUMN,
            "a column this statement reads was dropped from " + def.name() + "; prepare it again");
      }
    }
    if (spec.indexId() != 0) {
      index = def.indexById(spec.indexId());
      if (index == null) {
        throw new SqlStateException(SqlStateException.UNDEFINED_OBJECT,
            "the index this statement was planned to use was dropped; prepare it again");
      }
    } else {
      index = null;
    }
    AccessPath path = index == null ? AccessPath.primary(def) : AccessPath.index(def, index);
    keyTypes = new SqlType[path.keyColumnIds().length];
    for (int i = 0; i < keyTypes.length; i++) {
      keyTypes[i] = def.columnById(path.keyColumnIds()[i]).type();
    }
    // An index covers the scan when every output column is in its key (index columns, then pk).
    int[] pos = new int[spec.outColumnIds().length];
    boolean cov = index != null;
    for (int i = 0; i < pos.length && cov; i++) {
      pos[i] = indexOf(path.keyColumnIds(), spec.outColumnIds()[i]);
      cov = pos[i] >= 0;
    }
    covering = cov;
    coverPositions = pos;
    decoder = covering ? null : TableCodecs.decoder(def, spec.outColumnIds());
    rememberRowKeys = spec.forWrite() && def.hasHiddenRowId();
    long limit = -1;
    if (spec.limit() != null && spec.limit().value(root) instanceof Number n) {
      limit = n.longValue();
    }
    batch = limit > 0 ? (int) Math.min(MAX_BATCH, limit + 1) : MAX_BATCH;
  }

  private static int indexOf(int[] a, int v) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] == v) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public Object[] current() {
    return row;
  }

  @Override
  public boolean moveNext() {
    if (ranges == null) {
      ranges = keyRanges();
    }
    while (true) {
      if (current != null && current.hasNext()) {
        KvPair p = current.next();
        Object[] r = toRow(p.key(), p.value());
        if (r != null) {
          row = r;
          return true;
        }
        continue;
      }
      if (rangeIndex >= ranges.size()) {
        return false;
      }
      byte[][] range = ranges.get(rangeIndex++);
      if (range[1] == null) {
        byte[] v = reader.get(range[0]);
        current = v == null ? Collections.emptyIterator() : List.of(new KvPair(range[0], v)).iterator();
      } else {
        current = reader.scan(range[0], range[1], spec.reverse(), batch);
      }
    }
  }

  /** The row of a primary-key pair or an index entry, or null when an index entry's row is gone. */
  private Object[] toRow(byte[] key, byte[] value) {
    Object[] out = new Object[spec.outColumnIds().length];
    byte[] rowKey = key;
    if (index == null) {
      decoder.decode(value, out);
    } else {
      KeyReader in = new KeyReader(key, TableKeys.INDEX_PREFIX_LENGTH);
      int nIndexCols = index.columnIds().length;
      Object[] keyValues = covering ? new Object[keyTypes.length] : null;
      for (int i = 0; i < nIndexCols; i++) {
        if (covering) {
          keyValues[i] = in.decode(keyTypes[i]);
        } else {
          in.skip(keyTypes[i]);
        }
      }
      byte[] pk = in.hasRemaining() ? Arrays.copyOfRange(key, in.position(), key.length) : value;
      rowKey = codec.rowKey(pk);
      if (covering) {
        KeyReader pkIn = new KeyReader(pk);
        for (int i = nIndexCols; i < keyTypes.length; i++) {
          keyValues[i] = pkIn.decode(keyTypes[i]);
        }
        for (int i = 0; i < out.length; i++) {
          out[i] = fit(coverPositions[i], keyValues[coverPositions[i]]);
        }
      } else {
        byte[] rowValue = reader.get(rowKey);
        if (rowValue == null) {
          return null;
        }
        decoder.decode(rowValue, out);
      }
    }
    if (spec.lockRows()) {
      scope.writeTxn().lockKeys(rowKey);
    }
    if (rememberRowKeys) {
      scope.rememberRowKey(TableWriter.valuesKey(codec, out), rowKey);
    }
    return out;
  }

  /** Key decoding yields DECIMALs without trailing zeros; give them the column's scale back. */
  private Object fit(int keyPosition, Object v) {
    SqlType t = keyTypes[keyPosition];
    if (v instanceof java.math.BigDecimal d && t.scale() >= 0) {
      return d.setScale(t.scale(), java.math.RoundingMode.UNNECESSARY);
    }
    return v;
  }

  /** Each range as {start, end}; end null means a point read of start. */
  private List<byte[][]> keyRanges() {
    byte[] prefix = index == null ? TableKeys.rowPrefix(def.id()) : TableKeys.indexPrefix(def.id(), index.id());
    List<byte[][]> out = new ArrayList<>();
    if (spec.ranges() == null) {
      out.add(new byte[][] {prefix, KeyCodec.prefixEnd(prefix)});
      return out;
    }
    KeyWriter w = new KeyWriter(64);
    for (ScanSpec.RangeSpec r : spec.ranges()) {
      byte[][] range = encode(w, prefix, r);
      if (range != null) {
        out.add(range);
      }
    }
    if (spec.reverse()) {
      Collections.reverse(out);
    }
    return out;
  }

  private byte[][] encode(KeyWriter w, byte[] prefix, ScanSpec.RangeSpec r) {
    w.reset();
    w.writeRaw(prefix);
    for (int i = 0; i < r.eq().length; i++) {
      Object v = KeyValues.normalize(keyTypes[i], r.eq()[i].value(root), true);
      if (v == null) {
        return null; // = NULL matches nothing
      }
      KeyCodec.encode(w, keyTypes[i], v);
    }
    byte[] base = w.toByteArray();
    boolean point = index == null && r.eq().length == keyTypes.length && r.lo() == null && r.hi() == null;
    if (point) {
      return new byte[][] {base, null};
    }
    int k = r.eq().length;
    byte[] start = base;
    byte[] end = KeyCodec.prefixEnd(base);
    if (r.lo() != null) {
      Object lo = KeyValues.normalize(keyTypes[k], r.lo().value(root), true);
      if (lo == null) {
        return null;
      }
      byte[] b = withValue(w, base, keyTypes[k], lo);
      start = r.loInclusive() ? b : KeyCodec.prefixEnd(b);
    } else if (r.hi() != null) {
      start = withValue(w, base, keyTypes[k], null); // a comparison never matches NULL, which sorts first
      start = KeyCodec.prefixEnd(start);
    }
    if (r.hi() != null) {
      Object hi = KeyValues.normalize(keyTypes[k], r.hi().value(root), false);
      if (hi == null) {
        return null;
      }
      byte[] b = withValue(w, base, keyTypes[k], hi);
      end = r.hiInclusive() ? KeyCodec.prefixEnd(b) : b;
    }
    if (end != null && Arrays.compareUnsigned(start, end) >= 0) {
      return null;
    }
    return new byte[][] {start, end};
  }

  private static byte[] withValue(KeyWriter w, byte[] base, SqlType t, Object v) {
    w.reset();
    w.writeRaw(base);
    KeyCodec.encode(w, t, v);
    return w.toByteArray();
  }

  @Override
  public void reset() {
    ranges = null;
    rangeIndex = 0;
    current = null;
  }

  @Override
  public void close() {
    current = null;
  }
}
