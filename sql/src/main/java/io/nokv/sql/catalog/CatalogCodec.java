package io.nokv.sql.catalog;

import io.nokv.kv.format.Checksums;
import io.nokv.sql.encoding.ColumnType;
import io.nokv.sql.encoding.SqlType;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.util.ByteString;

/**
 * The stored form of catalog records. Each record is {@code magic(4) version(1) body crc32c(4)},
 * the checksum covering everything before it; the body layouts are in docs/sql.md ("Catalog").
 */
public final class CatalogCodec {
  static final int TABLE_MAGIC = 0x4e4b5444; // "NKTD"
  static final int META_MAGIC = 0x4e4b434d; // "NKCM"
  static final int SCHEMA_MAGIC = 0x4e4b5343; // "NKSC"
  static final byte VERSION = 1;

  private CatalogCodec() {}

  /** The catalog record: its version and the next table id. */
  public record Meta(long version, long nextTableId) {}

  public static byte[] encodeMeta(Meta m) {
    return write(META_MAGIC, out -> {
      out.writeLong(m.version());
      out.writeLong(m.nextTableId());
    });
  }

  public static Meta decodeMeta(byte[] b) {
    DataInputStream in = open(b, META_MAGIC, "catalog record");
    try {
      return new Meta(in.readLong(), in.readLong());
    } catch (IOException e) {
      throw new CatalogFormatException("catalog record is truncated");
    }
  }

  public static byte[] encodeSchema() {
    return write(SCHEMA_MAGIC, out -> {});
  }

  public static void checkSchema(byte[] b, String name) {
    open(b, SCHEMA_MAGIC, "schema " + name);
  }

  public static byte[] encodeTable(TableDef t) {
    return write(TABLE_MAGIC, out -> {
      out.writeLong(t.id());
      out.writeUTF(t.schema());
      out.writeUTF(t.name());
      out.writeInt(t.columns().size());
      for (ColumnDef c : t.columns()) {
        out.writeInt(c.id());
        out.writeUTF(c.name());
        out.writeByte(c.type().type().code());
        out.writeInt(c.type().precision());
        out.writeInt(c.type().scale());
        out.writeBoolean(c.nullable());
        out.writeBoolean(c.defaultSql() != null);
        if (c.defaultSql() != null) {
          out.writeUTF(c.defaultSql());
        }
        writeValue(out, c.originDefault());
      }
      writeInts(out, t.pkColumnIds());
      out.writeInt(t.indexes().size());
      for (IndexDef ix : t.indexes()) {
        out.writeLong(ix.id());
        out.writeUTF(ix.name());
        out.writeBoolean(ix.unique());
        out.writeByte(ix.state().code());
        writeInts(out, ix.columnIds());
      }
      out.writeInt(t.nextColumnId());
      out.writeLong(t.nextIndexId());
      out.writeLong(t.version());
    });
  }

  public static TableDef decodeTable(byte[] b) {
    DataInputStream in = open(b, TABLE_MAGIC, "table definition");
    try {
      long id = in.readLong();
      String schema = in.readUTF();
      String name = in.readUTF();
      int n = in.readInt();
      List<ColumnDef> cols = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int cid = in.readInt();
        String cname = in.readUTF();
        ColumnType type = ColumnType.fromCode(in.readByte());
        SqlType st = new SqlType(type, in.readInt(), in.readInt());
        boolean nullable = in.readBoolean();
        String def = in.readBoolean() ? in.readUTF() : null;
        Object origin = readValue(in);
        cols.add(new ColumnDef(cid, cname, st, nullable, def, origin));
      }
      int[] pk = readInts(in);
      int ni = in.readInt();
      List<IndexDef> indexes = new ArrayList<>(ni);
      for (int i = 0; i < ni; i++) {
        long iid = in.readLong();
        String iname = in.readUTF();
        boolean unique = in.readBoolean();
        IndexState state = IndexState.of(in.readByte());
        indexes.add(new IndexDef(iid, iname, readInts(in), unique, state));
      }
      return new TableDef(id, schema, name, cols, pk, indexes, in.readInt(), in.readLong(), in.readLong());
    } catch (IOException e) {
      throw new CatalogFormatException("table definition is truncated");
    }
  }

  private interface Body {
    void write(DataOutputStream out) throws IOException;
  }

  private static byte[] write(int magic, Body body) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeInt(magic);
      out.writeByte(VERSION);
      body.write(out);
      out.flush();
      byte[] b = bytes.toByteArray();
      return ByteBuffer.allocate(b.length + 4).put(b).putInt(Checksums.crc32c(b)).array();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static DataInputStream open(byte[] b, int magic, String what) {
    if (b.length < 9) {
      throw new CatalogFormatException(what + " is truncated (" + b.length + " bytes)");
    }
    ByteBuffer buf = ByteBuffer.wrap(b);
    if (buf.getInt(0) != magic) {
      throw new CatalogFormatException(what + " has a bad magic " + Integer.toHexString(buf.getInt(0)));
    }
    if (b[4] != VERSION) {
      throw new CatalogFormatException(what + " has format version " + b[4] + "; this build reads version " + VERSION);
    }
    int stored = buf.getInt(b.length - 4);
    if (stored != Checksums.crc32c(b, 0, b.length - 4)) {
      throw new CatalogFormatException(what + " fails its checksum");
    }
    return new DataInputStream(new java.io.ByteArrayInputStream(b, 5, b.length - 9));
  }

  private static void writeInts(DataOutputStream out, int[] v) throws IOException {
    out.writeInt(v.length);
    for (int x : v) {
      out.writeInt(x);
    }
  }

  private static int[] readInts(DataInputStream in) throws IOException {
    int[] v = new int[in.readInt()];
    for (int i = 0; i < v.length; i++) {
      v[i] = in.readInt();
    }
    return v;
  }

  /** A default value, tagged by its Java type (the Calcite internal representation). */
  private static void writeValue(DataOutputStream out, Object v) throws IOException {
    switch (v) {
      case null -> out.writeByte(0);
      case Boolean b -> { out.writeByte(1); out.writeBoolean(b); }
      case Byte b -> { out.writeByte(2); out.writeByte(b); }
      case Short s -> { out.writeByte(3); out.writeShort(s); }
      case Integer i -> { out.writeByte(4); out.writeInt(i); }
      case Long l -> { out.writeByte(5); out.writeLong(l); }
      case Float f -> { out.writeByte(6); out.writeFloat(f); }
      case Double d -> { out.writeByte(7); out.writeDouble(d); }
      case BigDecimal d -> {
        out.writeByte(8);
        out.writeInt(d.scale());
        byte[] u = d.unscaledValue().toByteArray();
        out.writeInt(u.length);
        out.write(u);
      }
      case String s -> {
        out.writeByte(9);
        byte[] u = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(u.length);
        out.write(u);
      }
      case ByteString s -> {
        out.writeByte(10);
        out.writeInt(s.length());
        out.write(s.getBytes());
      }
      default -> throw new IllegalArgumentException("cannot store a default of " + v.getClass().getName());
    }
  }

  private static Object readValue(DataInputStream in) throws IOException {
    byte tag = in.readByte();
    return switch (tag) {
      case 0 -> null;
      case 1 -> in.readBoolean();
      case 2 -> in.readByte();
      case 3 -> in.readShort();
      case 4 -> in.readInt();
      case 5 -> in.readLong();
      case 6 -> in.readFloat();
      case 7 -> in.readDouble();
      case 8 -> {
        int scale = in.readInt();
        byte[] u = new byte[in.readInt()];
        in.readFully(u);
        yield new BigDecimal(new BigInteger(u), scale);
      }
      case 9 -> {
        byte[] u = new byte[in.readInt()];
        in.readFully(u);
        yield new String(u, java.nio.charset.StandardCharsets.UTF_8);
      }
      case 10 -> {
        byte[] u = new byte[in.readInt()];
        in.readFully(u);
        yield new ByteString(u);
      }
      default -> throw new CatalogFormatException("unknown default value tag " + tag);
    };
  }
}
