package dev.weir.core.spi;

/** Where a {@link RecordReader} puts what it read. */
public interface RecordSink {
    /**
     * One converted row: a value per column of {@link Batch.Records#columns}, in order, null for
     * NULL, else of the Java type of the column's Iceberg type: {@code Boolean}, {@code Integer}
     * (int), {@code Long} (long), {@code Float}, {@code Double}, {@code java.math.BigDecimal}
     * (decimal, at the column's scale), {@code java.time.LocalDate}, {@code LocalTime},
     * {@code LocalDateTime} (timestamp), {@code OffsetDateTime} (timestamptz, in UTC),
     * {@code String} and {@code java.util.UUID}. The array is the sink's to keep.
     *
     * <p>{@code file} and {@code line} say where the record is, as a reject's origin would
     * ({@code file:line}, the physical line it starts on): a check that rejects the row later points
     * there, and {@link RecordReader#texts} gives its text back. A reader passes the same
     * {@code String} instance for every record of one file, so that a sink can tell files apart
     * without comparing their names on every row.
     */
    void row(Object[] values, String file, long line);

    /** One record that could not be converted, with why, its original text and where it is. */
    void reject(RecordReject reject);
}
