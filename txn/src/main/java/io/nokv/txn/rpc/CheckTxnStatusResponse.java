package io.nokv.txn.rpc;

/** The transaction's status, or the error ({@link KeyError.TxnNotFound}) that kept the store from telling. */
public record CheckTxnStatusResponse(TxnStatus status, KeyError error) {}
