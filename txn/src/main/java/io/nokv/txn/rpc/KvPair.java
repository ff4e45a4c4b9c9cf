package io.nokv.txn.rpc;

/** A key and its value, as scans return them. */
public record KvPair(byte[] key, byte[] value) {}
