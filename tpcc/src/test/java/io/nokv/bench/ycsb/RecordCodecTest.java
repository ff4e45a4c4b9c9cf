package io.nokv.bench.ycsb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import site.ycsb.ByteArrayByteIterator;
import site.ycsb.ByteIterator;

class RecordCodecTest {
  @Test
  void roundTripsAndFiltersFields() {
    Map<String, ByteIterator> in = new HashMap<>();
    for (int i = 0; i < 10; i++) {
      byte[] v = new byte[100 + i * 30]; // 130+ bytes: two-byte varint lengths too
      v[0] = (byte) i;
      in.put("field" + i, new ByteArrayByteIterator(v));
    }
    byte[] record = RecordCodec.encode(in);
    Map<String, ByteIterator> all = new HashMap<>();
    RecordCodec.decode(record, null, all);
    assertEquals(10, all.size());
    byte[] f7 = all.get("field7").toArray();
    assertEquals(100 + 7 * 30, f7.length);
    assertEquals(7, f7[0]);
    Map<String, ByteIterator> some = new HashMap<>();
    RecordCodec.decode(record, Set.of("field3"), some);
    assertEquals(Set.of("field3"), some.keySet());
  }

  @Test
  void defaultRecordIsTheDocumentedSize() {
    Map<String, ByteIterator> in = new HashMap<>();
    for (int i = 0; i < 10; i++) {
      in.put("field" + i, new ByteArrayByteIterator(new byte[100]));
    }
    assertEquals(1081, RecordCodec.encode(in).length);
  }

  @Test
  void rejectsAWrongVersionAndATruncatedRecord() {
    assertThrows(IllegalStateException.class, () -> RecordCodec.decode(new byte[] {9}, null, new HashMap<>()));
    Map<String, ByteIterator> in = Map.of("f", new ByteArrayByteIterator(new byte[] {1, 2, 3}));
    byte[] record = RecordCodec.encode(in);
    byte[] cut = java.util.Arrays.copyOf(record, record.length - 1);
    assertThrows(IllegalStateException.class, () -> RecordCodec.decode(cut, null, new HashMap<>()));
    assertArrayEquals(new byte[] {1, 6 - 5, 'f', 3, 1, 2, 3}, record);
  }
}
