package io.nokv.txn.actions;

/**
 * What every prewrite of one transaction shares.
 *
 * @param primary the primary key
 * @param startTs the start timestamp
 * @param lockTtlMillis the TTL written into each lock
 * @param txnSize the number of keys in the whole transaction
 * @param minCommitTs the lowest commit timestamp the transaction may use (at least {@code startTs + 1})
 */
public record TxnProps(byte[] primary, long startTs, long lockTtlMillis, long txnSize, long minCommitTs) {}
