package io.nokv.bench.ycsb;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * YCSB's standard core workloads A-F (the {@code workloads/workload[a-f]} files of YCSB 0.17.0)
 * as properties for {@link site.ycsb.workloads.CoreWorkload}:
 *
 * <pre>
 *   A  update heavy   50% read, 50% update              zipfian
 *   B  read mostly    95% read,  5% update              zipfian
 *   C  read only     100% read                          zipfian
 *   D  read latest    95% read,  5% insert              latest
 *   E  short ranges   95% scan (1..100 records, uniform), 5% insert   zipfian
 *   F  read-modify-write  50% read, 50% read-modify-write zipfian
 * </pre>
 *
 * Keys are {@code "user"} + a hash of the record number ({@code insertorder=hashed}); records have
 * {@code fieldcount} fields of {@code fieldlength} bytes; reads fetch all fields, updates write one.
 */
final class YcsbWorkloads {
  static final List<String> STANDARD = List.of("a", "b", "c", "d", "e", "f");
  /** YCSB's recommended order: D and E insert records, so they run last. */
  static final String RECOMMENDED_ORDER = "a,b,c,f,d,e";
  static final String TABLE = "usertable";

  private YcsbWorkloads() {}

  /** Workload {@code name}'s operation mix, as YCSB's property names and values. */
  static Map<String, String> mix(String name) {
    Map<String, String> m = new LinkedHashMap<>();
    double read = 0, update = 0, insert = 0, scan = 0, rmw = 0;
    switch (name) {
      case "a" -> { read = 0.5; update = 0.5; }
      case "b" -> { read = 0.95; update = 0.05; }
      case "c" -> read = 1.0;
      case "d" -> { read = 0.95; insert = 0.05; }
      case "e" -> { scan = 0.95; insert = 0.05; }
      case "f" -> { read = 0.5; rmw = 0.5; }
      default -> throw new IllegalArgumentException("unknown workload '" + name + "'; known: " + String.join(", ", STANDARD));
    }
    m.put("readproportion", Double.toString(read));
    m.put("updateproportion", Double.toString(update));
    m.put("scanproportion", Double.toString(scan));
    m.put("insertproportion", Double.toString(insert));
    m.put("readmodifywriteproportion", Double.toString(rmw));
    if (name.equals("e")) {
      m.put("maxscanlength", "100");
      m.put("scanlengthdistribution", "uniform");
    }
    return m;
  }

  /** The request distribution YCSB's definition of {@code name} uses. */
  static String standardDistribution(String name) {
    return name.equals("d") ? "latest" : "zipfian";
  }

  /** A one-line description, for the report. */
  static String describe(String name) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : mix(name).entrySet()) {
      double p = e.getKey().endsWith("proportion") ? Double.parseDouble(e.getValue()) : 0;
      if (p > 0) {
        if (sb.length() > 0) {
          sb.append(", ");
        }
        sb.append(Math.round(p * 100)).append("% ").append(e.getKey().replace("proportion", "").replace("readmodifywrite", "read-modify-write"));
        if (e.getKey().equals("scanproportion")) {
          sb.append(" (1-").append(mix(name).get("maxscanlength")).append(" records, uniform)");
        }
      }
    }
    return sb.toString();
  }

  /** Properties shared by the load and every workload. */
  static Properties base(int fieldCount, int fieldLength) {
    Properties p = new Properties();
    p.setProperty("table", TABLE);
    p.setProperty("fieldcount", Integer.toString(fieldCount));
    p.setProperty("fieldlength", Integer.toString(fieldLength));
    p.setProperty("fieldlengthdistribution", "constant");
    p.setProperty("readallfields", "true");
    p.setProperty("writeallfields", "false");
    p.setProperty("insertorder", "hashed");
    return p;
  }

  /** Properties to load {@code records} records (numbers 0 .. records-1). */
  static Properties load(int fieldCount, int fieldLength, long records) {
    Properties p = base(fieldCount, fieldLength);
    p.setProperty("recordcount", Long.toString(records));
    p.setProperty("operationcount", Long.toString(records));
    p.setProperty("requestdistribution", "uniform");
    p.putAll(mix("a"));
    return p;
  }

  /**
   * Properties to run workload {@code name} for {@code operations} operations over a database that
   * holds {@code records} records (numbers 0 .. records-1; inserts continue from there).
   */
  static Properties run(String name, String distribution, int fieldCount, int fieldLength, long records, long operations) {
    Properties p = base(fieldCount, fieldLength);
    p.putAll(mix(name));
    p.setProperty("recordcount", Long.toString(records));
    p.setProperty("operationcount", Long.toString(operations));
    p.setProperty("requestdistribution", distribution);
    return p;
  }
}
