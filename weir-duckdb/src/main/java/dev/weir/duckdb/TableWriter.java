package dev.weir.duckdb;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.spi.DataFileRef;
import dev.weir.core.spi.TableState;
import dev.weir.core.spi.WrittenDeleteFile;
import dev.weir.core.spi.WrittenFile;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides which rows a table change writes: a relation's rows, a table's live rows without
 * some keys (copy-on-write), all of its live rows (compaction), or the positions of rows whose
 * keys changed (merge-on-read). {@link TableFileWriter} writes the files.
 */
final class TableWriter {
    /** Scratch relation of the positions an upsert deletes: (idx of the file in the candidates, pos, new). */
    private static final String POSITIONS = "__weir_positions";

    private final SessionConnection sql;
    private final TableFileWriter files;

    TableWriter(SessionConnection sql, Path scratchDir) {
        this.sql = sql;
        this.files = new TableFileWriter(sql.jdbc(), scratchDir);
    }

    /**
     * Writes the rows of session relation {@code relation}. A lazily staged source is read for the
     * first time here, so its bad records surface now, naming the files of {@code inputNames}.
     */
    List<WrittenFile> write(String relation, TableState target, String filePrefix, Map<String, String> inputNames) {
        try {
            return files.write(Sql.ident(relation), target, filePrefix);
        } catch (SQLException e) {
            throw InputErrors.isInputError(e)
                    ? InputErrors.translate(e, inputNames)
                    : DuckDbErrors.failure(ErrorCode.LOAD_REJECTED, e);
        }
    }

    /** Writes the live rows of {@code dataFiles} whose {@code keys} are not in {@code keysRelation}. */
    List<WrittenFile> rewriteWithout(
            List<DataFileRef> dataFiles, String keysRelation, List<String> keys, TableState target, String filePrefix) {
        if (dataFiles.isEmpty()) {
            return List.of();
        }
        return writeRows(
                LiveRows.of(dataFiles, target.layout().schema(), "t", false) + " ANTI JOIN " + Sql.ident(keysRelation)
                        + " k ON " + Sql.keyJoin("t", "k", keys),
                target,
                filePrefix);
    }

    /** Writes the live rows of {@code dataFiles}. */
    List<WrittenFile> rewrite(List<DataFileRef> dataFiles, TableState target, String filePrefix) {
        return dataFiles.isEmpty()
                ? List.of()
                : writeRows(LiveRows.of(dataFiles, target.layout().schema(), "t", false), target, filePrefix);
    }

    private List<WrittenFile> writeRows(String from, TableState target, String filePrefix) {
        try {
            return files.write(from, target, filePrefix);
        } catch (SQLException e) {
            throw DuckDbErrors.failure(ErrorCode.LOAD_REJECTED, e);
        }
    }

    /** See {@link dev.weir.core.spi.EngineSession#deleteRowsMatchingKeys}. */
    List<WrittenDeleteFile> deleteRowsMatchingKeys(
            List<DataFileRef> dataFiles, String keysRelation, List<String> keys, TableState target, String filePrefix) {
        if (dataFiles.isEmpty()) {
            return List.of();
        }
        sql.execute(
                "CREATE OR REPLACE TEMP TABLE " + POSITIONS + " AS SELECT t." + LiveRows.FILE + " AS idx, t."
                        + LiveRows.POSITION
                        + " AS pos, true AS new FROM "
                        + LiveRows.of(dataFiles, target.layout().schema(), "t", true) + " SEMI JOIN "
                        + Sql.ident(keysRelation) + " k ON " + Sql.keyJoin("t", "k", keys),
                ErrorCode.LOAD_REJECTED);
        if (dataFiles.stream().anyMatch(DataFileRef::hasDeletes)) {
            // the new delete file of a data file replaces its earlier ones, so it carries their positions too
            sql.execute(
                    "INSERT INTO " + POSITIONS + " SELECT DISTINCT d." + LiveRows.FILE + ", d." + LiveRows.POSITION
                            + ", false FROM (" + LiveRows.deletedPositions(dataFiles) + ") d WHERE d." + LiveRows.FILE
                            + " IN (SELECT idx FROM " + POSITIONS + ")",
                    ErrorCode.LOAD_REJECTED);
        }
        List<WrittenDeleteFile> written = new ArrayList<>();
        try {
            for (List<String> row : sql.select("SELECT idx, count(*), count(*) FILTER (WHERE new) FROM " + POSITIONS
                    + " GROUP BY idx ORDER BY idx")) {
                int index = Integer.parseInt(row.get(0));
                written.add(files.writePositionDeletes(
                        POSITIONS + " WHERE idx = " + index,
                        dataFiles.get(index),
                        Long.parseLong(row.get(1)),
                        Long.parseLong(row.get(2)),
                        target,
                        filePrefix));
            }
        } catch (SQLException e) {
            throw DuckDbErrors.failure(ErrorCode.LOAD_REJECTED, e);
        } finally {
            sql.execute("DROP TABLE " + POSITIONS, ErrorCode.INTERNAL);
        }
        return written;
    }
}
