package dev.weir.core.spi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

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
     * {@link EngineSession#REJECTED_RECORD}), and {@code origin} (see {@link Origin}); all text but
     * {@code rejected_at}. Arguments are never null.
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

    /** The row says where it came from in its own text column {@code column} (such as {@link EngineSession#REJECTED_ORIGIN}). */
    record OriginColumn(String column) implements Origin {
        public OriginColumn {
            Objects.requireNonNull(column, "column is null");
        }
    }
}
