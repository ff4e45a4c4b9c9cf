package io.nokv.bench.ycsb;

import io.nokv.bench.engine.BenchEngine;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.Vector;
import site.ycsb.ByteIterator;
import site.ycsb.DB;
import site.ycsb.Status;

/**
 * The YCSB {@link DB} binding over a {@link BenchEngine}; one instance per benchmark thread, as
 * YCSB's own client does. Records are encoded by {@link RecordCodec}; the table name is ignored
 * (one keyspace). Semantics follow YCSB's RocksDB binding ({@code site.ycsb.db.rocksdb}):
 *
 * <ul>
 *   <li>read: get, decode, keep the requested fields; NOT_FOUND when absent;
 *   <li>update: read-modify-write: get, decode, overlay the updated fields (one field, since
 *       CoreWorkload's {@code writeallfields} is false), encode, put; NOT_FOUND when absent;
 *   <li>insert: encode, put;
 *   <li>scan: iterate from the start key, decode {@code recordcount} records.
 * </ul>
 *
 * An engine exception is recorded in the {@link PhaseState} (which stops the phase) and reported
 * to YCSB as {@link Status#ERROR}.
 */
final class EngineBinding extends DB {
  private final BenchEngine engine;
  private final ThreadLatencies latencies;
  private final PhaseState state;

  EngineBinding(BenchEngine engine, ThreadLatencies latencies, PhaseState state) {
    this.engine = engine;
    this.latencies = latencies;
    this.state = state;
  }

  private static byte[] key(String key) {
    return key.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Status read(String table, String key, Set<String> fields, Map<String, ByteIterator> result) {
    long t0 = System.nanoTime();
    try {
      byte[] record = engine.read(key(key));
      if (record == null) {
        state.notFound.increment();
        return Status.NOT_FOUND;
      }
      RecordCodec.decode(record, fields, result);
      return Status.OK;
    } catch (RuntimeException e) {
      state.fail(e);
      return Status.ERROR;
    } finally {
      latencies.record(OpType.READ, System.nanoTime() - t0);
    }
  }

  @Override
  public Status scan(String table, String startkey, int recordcount, Set<String> fields,
      Vector<HashMap<String, ByteIterator>> result) {
    long t0 = System.nanoTime();
    try {
      engine.scan(key(startkey), recordcount, (k, v) -> {
        HashMap<String, ByteIterator> row = new HashMap<>();
        RecordCodec.decode(v, fields, row);
        result.add(row);
      });
      return Status.OK;
    } catch (RuntimeException e) {
      state.fail(e);
      return Status.ERROR;
    } finally {
      latencies.record(OpType.SCAN, System.nanoTime() - t0);
    }
  }

  @Override
  public Status update(String table, String key, Map<String, ByteIterator> values) {
    long t0 = System.nanoTime();
    try {
      byte[] k = key(key);
      byte[] old = engine.read(k);
      if (old == null) {
        state.notFound.increment();
        return Status.NOT_FOUND;
      }
      Map<String, ByteIterator> merged = new HashMap<>();
      RecordCodec.decode(old, null, merged);
      merged.putAll(values);
      engine.put(k, RecordCodec.encode(merged));
      return Status.OK;
    } catch (RuntimeException e) {
      state.fail(e);
      return Status.ERROR;
    } finally {
      latencies.record(OpType.UPDATE, System.nanoTime() - t0);
    }
  }

  @Override
  public Status insert(String table, String key, Map<String, ByteIterator> values) {
    long t0 = System.nanoTime();
    try {
      engine.put(key(key), RecordCodec.encode(values));
      state.inserts.increment();
      return Status.OK;
    } catch (RuntimeException e) {
      state.fail(e);
      return Status.ERROR;
    } finally {
      latencies.record(OpType.INSERT, System.nanoTime() - t0);
    }
  }

  @Override
  public Status delete(String table, String key) {
    return Status.NOT_IMPLEMENTED; // No standard workload deletes.
  }
}
