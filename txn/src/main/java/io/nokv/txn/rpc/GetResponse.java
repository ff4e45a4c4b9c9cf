package io.nokv.txn.rpc;

/** A snapshot read: the value (null when absent) or the lock that blocked it. */
public record GetResponse(byte[] value, KeyError error) {}
