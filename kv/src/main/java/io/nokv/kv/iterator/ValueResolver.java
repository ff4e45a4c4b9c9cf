package io.nokv.kv.iterator;

/**
 * Turns the stored bytes of a {@link io.nokv.kv.format.ValueType#VALUE_POINTER} entry (an encoded
 * {@link io.nokv.kv.format.ValuePointer}) into the value, by reading the value log. Must return an
 * array it does not keep (the iterator hands it to the user). Errors are thrown as
 * {@link io.nokv.kv.KvException}s ({@code CorruptionException} naming the value-log segment,
 * {@code KvIOException}).
 */
@FunctionalInterface
public interface ValueResolver {
  byte[] resolve(byte[] internalKey, byte[] storedValue);
}
