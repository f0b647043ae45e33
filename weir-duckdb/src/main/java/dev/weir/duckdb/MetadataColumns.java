package dev.weir.duckdb;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.spec.MetadataColumn;
import dev.weir.core.spi.EngineSession;
import dev.weir.core.spi.RelationInfo;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The metadata columns of a load ({@link dev.weir.core.spi.LoadMetadata}). A row of a batch read
 * record by record and loaded as staged gets its record's {@code file:line} from the origin its
 * staged row carries; any other row gets the extract's connection.
 */
final class MetadataColumns {
    private final SessionConnection sql;
    private final StagedRecords origins;

    MetadataColumns(SessionConnection sql, StagedRecords origins) {
        this.sql = sql;
        this.origins = origins;
    }

    RelationInfo withMetadata(
            String name, String relation, List<MetadataColumn> columns, Instant loadedAt, String runId, String source) {
        boolean traced =
                relation.equals(EngineSession.SOURCE) && origins.batch().isPresent();
        String added = columns.stream()
                .map(c -> value(c, loadedAt, runId, source, traced) + " AS " + Sql.ident(c.column()))
                .collect(Collectors.joining(", "));
        String from = traced
                ? "SELECT * EXCLUDE (" + Sql.ident(StagedRecords.ROW) + "), " + added + " FROM " + StagedRecords.TABLE
                : "SELECT *, " + added + " FROM " + Sql.relation(relation);
        sql.execute("CREATE OR REPLACE TEMP TABLE " + Sql.ident(name) + " AS " + from, ErrorCode.LOAD_REJECTED);
        return sql.describe(name);
    }

    private String value(MetadataColumn column, Instant loadedAt, String runId, String source, boolean traced) {
        return switch (column) {
            case LOADED_AT -> "CAST(" + Sql.literal(loadedAt.toString()) + " AS TIMESTAMPTZ)";
            case RUN_ID -> Sql.literal(runId);
            case SOURCE -> traced ? recordOrigin() : Sql.literal(source);
        };
    }

    /** {@code file:line} from the staged row's origin: the file's number indexes the batch's files. */
    private String recordOrigin() {
        String files = origins.fileNames().stream().map(Sql::literal).collect(Collectors.joining(", ", "[", "]"));
        String row = Sql.ident(StagedRecords.ROW);
        return "list_extract(" + files + ", CAST(" + row + " >> " + StagedRecords.LINE_BITS
                + " AS INTEGER) + 1) || ':' || CAST(" + row + " & " + ((1L << StagedRecords.LINE_BITS) - 1)
                + " AS VARCHAR)";
    }
}
