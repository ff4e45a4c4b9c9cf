package io.nokv.txn.rpc;

import java.util.List;

/**
 * Prewrite of some keys of one transaction, all in one region.
 *
 * @param tryOnePc commit in this one step when the request holds every key of the transaction; the
 *     store then picks the commit timestamp and no lock is ever visible
 */
public record PrewriteRequest(
    List<Mutation> mutations,
    byte[] primary,
    long startTs,
    long lockTtlMillis,
    long txnSize,
    long minCommitTs,
    boolean tryOnePc) {}
