package dev.weir.duckdb;

import dev.weir.core.spi.DataFileRef;
import java.util.List;
import java.util.stream.Collectors;

/**
 * SQL that reads the live rows of a table's data files: the rows no position-delete file lists.
 * Iceberg position deletes name a data file by its location in the table and a row by its 0-based
 * position, which DuckDB exposes as {@code filename} and {@code file_row_number}.
 */
final class LiveRows {
    /** The column holding each row's file (its local path) when positions are read. */
    static final String FILE = "filename";
    /** The column holding each row's 0-based position in its file when positions are read. */
    static final String POSITION = "file_row_number";

    private LiveRows() {}

    /**
     * A {@code FROM} item, aliased {@code alias}, over the live rows of {@code files}. With
     * {@code withPositions} (or when some file has deletes) it also has the columns {@link #FILE}
     * and {@link #POSITION}.
     */
    static String of(List<DataFileRef> files, String alias, boolean withPositions) {
        String paths = Sql.stringList(files.stream().map(DataFileRef::path).toList());
        List<DataFileRef> withDeletes = files.stream().filter(DataFileRef::hasDeletes).toList();
        if (withDeletes.isEmpty() && !withPositions) {
            return "read_parquet(" + paths + ", union_by_name = true) " + alias;
        }
        String scan = "read_parquet(" + paths + ", union_by_name = true, filename = true, file_row_number = true)";
        if (withDeletes.isEmpty()) {
            return scan + " " + alias;
        }
        return "(SELECT r.* FROM " + scan + " r ANTI JOIN (" + deletedPositions(withDeletes) + ") d ON r." + FILE + " = d." + FILE
                + " AND r." + POSITION + " = d." + POSITION + ") " + alias;
    }

    /**
     * A query of the deleted positions of {@code files} (which must have deletes), as columns
     * {@link #FILE} (the local path) and {@link #POSITION}: delete files name data files by their
     * table location, which may be a URI rather than the path DuckDB reports.
     */
    static String deletedPositions(List<DataFileRef> files) {
        List<String> deleteFiles = files.stream().flatMap(f -> f.positionDeletes().stream()).distinct().sorted().toList();
        String locations = files.stream()
                .map(f -> "(" + Sql.literal(f.location()) + ", " + Sql.literal(f.path()) + ")")
                .collect(Collectors.joining(", "));
        return "SELECT m.path AS " + FILE + ", p.pos AS " + POSITION + " FROM read_parquet(" + Sql.stringList(deleteFiles)
                + ") p JOIN (VALUES " + locations + ") m(location, path) ON p.file_path = m.location";
    }
}
