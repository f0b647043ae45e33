package dev.weir.core.spi;

/**
 * Reads a source's records once, in order, converted to a batch's columns. Every record read ends
 * up either as a row or as a reject: none is dropped, so that rows plus rejects is what the input held.
 */
@FunctionalInterface
public interface RecordReader {
    /**
     * Hands every record to {@code sink}, in input order; stops early when {@code sink} throws.
     *
     * @throws dev.weir.core.error.WeirException {@code SOURCE_UNAVAILABLE} when the input cannot be read at all
     */
    void read(RecordSink sink);
}
