package io.nokv.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void writesWhatAParserReadsBack() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("text", "quote \" backslash \\ newline \n tab \t control \u0001");
    m.put("int", 42L);
    m.put("double", 1.23456);
    m.put("nan", Double.NaN);
    m.put("list", List.of(1, "two", true));
    m.put("nested", Map.of("k", List.of()));
    m.put("nothing", null);
    Map<?, ?> back = (Map<?, ?>) MiniJson.parse(Json.write(m));
    assertEquals(m.get("text"), back.get("text"));
    assertEquals(42.0, back.get("int"));
    assertEquals(1.235, back.get("double"));
    assertEquals(null, back.get("nan"));
    assertEquals(Arrays.asList(1.0, "two", true), back.get("list"));
    assertEquals(Map.of("k", List.of()), back.get("nested"));
    assertEquals(true, back.containsKey("nothing"));
  }

  @Test
  void sizesParseAndFormat() {
    assertEquals(64L << 20, Sizes.parse("64m"));
    assertEquals(64L << 20, Sizes.parse("64MiB"));
    assertEquals(1L << 30, Sizes.parse("1g"));
    assertEquals(67108864L, Sizes.parse("67108864"));
    assertEquals("64 MiB", Sizes.format(64L << 20));
    assertEquals("1000 B", Sizes.format(1000));
  }
}
