package dev.weir.core.spi;

import java.util.Map;
import java.util.SortedSet;

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

    /**
     * The original texts of records {@link #read} handed over as rows, exactly as in the input
     * (quoted line breaks included, the line end after the record left out), by the line each
     * starts on: those of {@code file} (a name as given to {@link RecordSink#row}) starting on one
     * of {@code lines}. The input is read again, so this is for the few records a check rejected.
     * A line where no record starts, or an input that is gone, is left out of the map; so is every
     * line by a reader that cannot read its input again (the default).
     *
     * @throws dev.weir.core.error.WeirException {@code SOURCE_UNAVAILABLE} when the input cannot be read
     */
    default Map<Long, String> texts(String file, SortedSet<Long> lines) {
        return Map.of();
    }
}
