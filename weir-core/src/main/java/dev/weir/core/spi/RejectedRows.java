package dev.weir.core.spi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Building the rows of a quarantine table from relations of rejected rows, from typed inputs, so
 * that the runner writes no SQL.
 */
public interface RejectedRows {
    /**
     * Makes relation {@code name}: one row per row of each of {@code rejects}, in list order, with
     * the columns of a quarantine table, in this order: {@code run_id} ({@code runId}),
     * {@code pipeline} ({@code pipeline}), {@code rejected_at} (the timestamp {@code rejectedAt} in
     * UTC, without time zone), {@code check_name}, {@code reason} and {@code raw_record} (the
     * relation's {@link EngineSession#REJECTED_CHECK}, {@link EngineSession#REJECTED_REASON} and
     * {@link EngineSession#REJECTED_RECORD}, or for a traced {@link BatchRecord} its record's text),
     * and {@code origin} (see {@link Origin}); all text but {@code rejected_at}. Arguments are never null.
     *
     * @throws IllegalArgumentException when {@code rejects} is empty
     * @throws dev.weir.core.error.WeirException {@code INTERNAL} when a relation or column is missing
     */
    RelationInfo quarantineRows(String name, List<Rejects> rejects, String runId, String pipeline, Instant rejectedAt);

    /**
     * Deletes from relation {@code rejects} (with the columns {@link MalformedRecords} sets records
     * aside in) each row whose {@link EngineSession#REJECTED_RECORD} and {@link EngineSession#REJECTED_ORIGIN}
     * equal the {@code raw_record} and {@code origin} of a row of {@code quarantine} (a relation with the
     * columns of a quarantine table, such as the attached table itself) that pipeline {@code pipeline}
     * put there: rejects an earlier run quarantined, handed over again by a source that re-reads its input.
     *
     * @return the rows left in {@code rejects}
     * @throws dev.weir.core.error.WeirException {@code INTERNAL} when a relation or column is missing
     */
    long dropQuarantined(String rejects, String quarantine, String pipeline);

    /** A relation of rejected rows and where its rows came from. */
    record Rejects(String relation, Origin origin) {
        public Rejects {
            Objects.requireNonNull(relation, "relation is null");
            Objects.requireNonNull(origin, "origin is null");
        }
    }

    /** Where a rejected row came from, as the text of its {@code origin} column. */
    sealed interface Origin {}

    /**
     * A row of source {@code source}, known by its {@code keys}: {@code source k1=v1, k2=v2}, each
     * value as text ({@code NULL} for NULL); just {@code source} without keys.
     */
    record SourceKeys(String source, List<String> keys) implements Origin {
        public SourceKeys {
            Objects.requireNonNull(source, "source is null");
            keys = List.copyOf(keys);
        }
    }

    /**
     * A row that came from the staged batch ({@link EngineSession#SOURCE}), traced back to the record
     * it came from when the batch was read record by record ({@link Batch.Records}): then its origin
     * is that record's {@code file:line} and its {@code raw_record} the record's original text (see
     * {@link RecordReader#texts}; the row as JSON when the source can no longer give it). With
     * {@code untransformed} (the row is a staged row, perhaps cast or filtered, no stage in between),
     * the record is the one holding the same values; otherwise it is the one with the same values of
     * {@code otherwise}'s keys, when the batch has all those columns, and of several such records the
     * one with the greatest {@code sequence} value (when the batch has that column), else the last in
     * batch order. A row that cannot be traced (another kind of batch, no keys, keys the batch does
     * not have or no record holds) has origin {@code otherwise}.
     */
    record BatchRecord(SourceKeys otherwise, boolean untransformed, Optional<String> sequence) implements Origin {
        public BatchRecord {
            Objects.requireNonNull(otherwise, "otherwise is null");
            Objects.requireNonNull(sequence, "sequence is null");
        }
    }

    /** The row says where it came from in its own text column {@code column} (such as {@link EngineSession#REJECTED_ORIGIN}). */
    record OriginColumn(String column) implements Origin {
        public OriginColumn {
            Objects.requireNonNull(column, "column is null");
        }
    }
}
