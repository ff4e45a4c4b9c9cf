package io.nokv.txn.rpc;

import java.util.List;

/** The pairs read, in scan order; when {@code error} is set the scan stopped at that key's lock. */
public record ScanResponse(List<KvPair> pairs, KeyError error) {}
