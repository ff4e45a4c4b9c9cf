package io.nokv.sql.session;

import io.nokv.txn.rpc.KvPair;
import java.util.Iterator;

/** What a scan reads through: a transaction (seeing its own writes) or a plain snapshot. */
public interface RowReader {
  byte[] get(byte[] key);

  Iterator<KvPair> scan(byte[] start, byte[] end, boolean reverse, int batchSize);
}
