package dev.weir.duckdb;

import dev.weir.core.spi.Batch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the staged rows of a {@link Batch.Records} batch came from: each staged row carries, in a
 * column stage SQL never sees, its record's file (by number) and line packed into one number that
 * grows in batch order. The files' names and the batch's reader stay here, so that the texts of
 * the few records a check rejects can be read again.
 */
final class StagedRecords {
    /** The table holding the staged rows with their {@link #ROW} column; relation {@code source} is a view of it without. */
    static final String TABLE = "__weir_staged";
    /** The hidden column: the file's number times 2^40, plus the line. */
    static final String ROW = "__weir_row";

    /** How many low bits of {@link #ROW} hold the line. */
    static final int LINE_BITS = 40;

    private Optional<Batch.Records> batch = Optional.empty();
    private final List<String> files = new ArrayList<>();

    /** A new batch of records is being staged: file numbers start again. */
    void staging(Batch.Records records) {
        batch = Optional.of(records);
        files.clear();
    }

    /** Another kind of batch was staged: its rows have no record to trace. */
    void clear() {
        batch = Optional.empty();
        files.clear();
    }

    /** The batch staged last, when it was read record by record. */
    Optional<Batch.Records> batch() {
        return batch;
    }

    /** Numbers a file the first time a row of it is staged. */
    int fileNumber(String file) {
        int last = files.size() - 1;
        if (last >= 0 && files.get(last).equals(file)) {
            return last;
        }
        files.add(file);
        return last + 1;
    }

    static long row(int file, long line) {
        return ((long) file << LINE_BITS) | line;
    }

    /** The batch's files by number, as the staged rows' origins number them. */
    List<String> fileNames() {
        return List.copyOf(files);
    }

    String file(long row) {
        return files.get((int) (row >>> LINE_BITS));
    }

    static long line(long row) {
        return row & ((1L << LINE_BITS) - 1);
    }
}
