package io.nokv.txn;

/** The body of a transaction run by {@link TxnClient#run}; it may run more than once. */
@FunctionalInterface
public interface TxnFunction<T> {
  T apply(Txn txn);
}
