package dev.weir.duckdb;

import dev.weir.core.spi.DataFileRef;
import dev.weir.core.spi.TableSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * SQL that reads the live rows of a table's data files: the rows no position-delete file lists.
 * Iceberg position deletes name a data file by its location in the table and a row by its 0-based
 * position. DuckDB's {@code read_parquet} has both as virtual columns: {@link #FILE}, the index of
 * the row's file in the list it was given (an integer, far cheaper to join on than the file's
 * name), and {@link #POSITION}. Columns are matched to the table's schema by Iceberg field id,
 * as Iceberg readers do: a renamed column keeps its data, a column added after a file was written
 * reads NULL there, and a widened type is read as the table's type.
 */
final class LiveRows {
    /** The index, in the list of files read, of each row's file. */
    static final String FILE = "file_index";
    /** Each row's 0-based position in its file. */
    static final String POSITION = "file_row_number";

    private LiveRows() {}

    /**
     * A {@code FROM} item, aliased {@code alias}, over the live rows of {@code files}; with
     * {@code withPositions} its rows also have the columns {@link #FILE} and {@link #POSITION}.
     */
    static String of(List<DataFileRef> files, TableSchema schema, String alias, boolean withPositions) {
        String scan = "read_parquet("
                + Sql.stringList(files.stream().map(DataFileRef::path).toList()) + ", schema = " + byFieldId(schema)
                + ")";
        if (files.stream().noneMatch(DataFileRef::hasDeletes)) {
            return scan + " " + alias;
        }
        String positions = withPositions ? ", r." + FILE + ", r." + POSITION : "";
        return "(SELECT r.*" + positions + " FROM " + scan + " r ANTI JOIN (" + deletedPositions(files) + ") d ON r."
                + FILE + " = d." + FILE + " AND r." + POSITION + " = d." + POSITION + ") " + alias;
    }

    /** DuckDB's {@code read_parquet} schema argument: each field id mapped to the column's current name and type. */
    private static String byFieldId(TableSchema schema) {
        return schema.columns().stream()
                .map(c -> c.id() + ": {name: " + Sql.literal(c.name()) + ", type: "
                        + Sql.literal(DuckDbTypes.toDuckDb(c.type())) + ", default_value: NULL}")
                .collect(Collectors.joining(", ", "MAP {", "}"));
    }

    /**
     * A query of the deleted positions of {@code files} (at least one of which has deletes), as
     * columns {@link #FILE} (the index in {@code files}) and {@link #POSITION}. Delete files name
     * data files by their table location, which may be a URI rather than the path DuckDB reads.
     */
    static String deletedPositions(List<DataFileRef> files) {
        List<String> deleteFiles = files.stream()
                .flatMap(f -> f.positionDeletes().stream())
                .distinct()
                .sorted()
                .toList();
        if (deleteFiles.isEmpty()) {
            throw new IllegalArgumentException("none of the " + files.size() + " files has deletes");
        }
        List<String> indexes = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i).hasDeletes()) {
                indexes.add("(" + Sql.literal(files.get(i).location()) + ", " + i + ")");
            }
        }
        return "SELECT m.idx AS " + FILE + ", p.pos AS " + POSITION + " FROM read_parquet("
                + Sql.stringList(deleteFiles) + ") p JOIN (VALUES " + String.join(", ", indexes)
                + ") m(location, idx) ON p.file_path = m.location";
    }
}
