package dev.weir.duckdb;

import dev.weir.core.spec.PartitionField;
import dev.weir.core.spi.Column;
import dev.weir.core.spi.DataFileRef;
import dev.weir.core.spi.TableLayout;
import dev.weir.core.spi.TableState;
import dev.weir.core.spi.WrittenDeleteFile;
import dev.weir.core.spi.WrittenFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes query results as Iceberg data files: zstd Parquet with the table's field ids in every
 * file (without them Iceberg readers match columns by position), split per partition; and
 * position-delete files. DuckDB writes into a scratch directory first; finished files are then
 * moved into the table's data directory, so a table directory only ever holds complete files.
 */
final class TableFileWriter {
    private static final String PARTITION_COLUMN = "__weir_partition";
    private static final String TARGET_FILE_SIZE = "512MB";
    /** The field ids the Iceberg spec reserves for a position-delete file's columns. */
    private static final String POSITION_DELETE_FIELD_IDS = "{file_path: 2147483546, pos: 2147483545}";

    private final Connection connection;
    private final Path scratchDir;
    private int writes;

    TableFileWriter(Connection connection, Path scratchDir) {
        this.connection = connection;
        this.scratchDir = scratchDir;
    }

    /** {@code SELECT} list that projects and casts a relation's columns to the table's schema. */
    static String projection(TableLayout layout) {
        return layout.schema().columns().stream()
                .map(c -> "CAST(" + Sql.ident(c.name()) + " AS " + DuckDbTypes.toDuckDb(c.type()) + ") AS "
                        + Sql.ident(c.name()))
                .collect(Collectors.joining(", "));
    }

    /** Writes the rows of {@code fromClause} (e.g. {@code "source"} or a join) to {@code target}. */
    List<WrittenFile> write(String fromClause, TableState target, String filePrefix) throws SQLException {
        TableLayout layout = target.layout();
        int sequence = writes++;
        Path out = scratchDir.resolve("write-" + sequence);
        Optional<PartitionField> partition = layout.partition();
        StringBuilder query = new StringBuilder("SELECT ").append(projection(layout));
        if (partition.isPresent()) {
            Column column = partitionColumn(layout, partition.get());
            query.append(", ")
                    .append(PartitionValues.expression(partition.get(), column))
                    .append(" AS ")
                    .append(PARTITION_COLUMN);
        }
        query.append(" FROM ").append(fromClause);
        if (!layout.sortKeys().isEmpty()) {
            query.append(" ORDER BY ").append(Sql.identList(layout.sortKeys()));
        }
        StringBuilder copy = new StringBuilder("COPY (")
                .append(query)
                .append(") TO ")
                .append(Sql.literal(out.toString()))
                .append(" (FORMAT parquet, COMPRESSION zstd, FILENAME_PATTERN ")
                .append(Sql.literal(filePrefix + "-" + sequence + "-{i}"))
                .append(", FIELD_IDS ")
                .append(fieldIds(layout));
        if (partition.isPresent()) {
            // DuckDB cannot split partitioned output by size: one file per partition and thread.
            copy.append(", PARTITION_BY (").append(PARTITION_COLUMN).append(")");
        } else {
            copy.append(", FILE_SIZE_BYTES ").append(Sql.literal(TARGET_FILE_SIZE));
        }
        copy.append(")");
        try (Statement statement = connection.createStatement()) {
            statement.execute(copy.toString());
        }
        return collect(out, target, partition);
    }

    /**
     * Writes the {@code rows} positions of {@code dataFile} that {@code positionsFrom} (a
     * {@code FROM} clause, with its {@code WHERE}, giving column {@code pos}) yields, {@code newRows}
     * of them new, as one position-delete file sorted by position as the spec requires, into the
     * directory of the data file (its partition's).
     */
    WrittenDeleteFile writePositionDeletes(
            String positionsFrom, DataFileRef dataFile, long rows, long newRows, TableState target, String filePrefix)
            throws SQLException {
        int sequence = writes++;
        Path out = scratchDir.resolve("deletes-" + sequence + ".parquet");
        String copy = "COPY (SELECT " + Sql.literal(dataFile.location()) + " AS file_path, pos FROM " + positionsFrom
                + " ORDER BY pos) TO " + Sql.literal(out.toString())
                + " (FORMAT parquet, COMPRESSION zstd, FIELD_IDS " + POSITION_DELETE_FIELD_IDS + ")";
        try (Statement statement = connection.createStatement()) {
            statement.execute(copy);
        }
        Path dataDir = target.dataDir();
        Path dataFileDir = Path.of(dataFile.path()).getParent();
        Path directory = dataFileDir.startsWith(dataDir) ? dataFileDir : dataDir;
        Path destination = directory.resolve(filePrefix + "-" + sequence + "-deletes.parquet");
        move(out, destination);
        return new WrittenDeleteFile(destination.toString(), dataFile.path(), rows, newRows, size(destination));
    }

    private List<WrittenFile> collect(Path out, TableState target, Optional<PartitionField> partition)
            throws SQLException {
        List<Path> written;
        if (!Files.isDirectory(out)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(out)) {
            written =
                    walk.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Long> rowCounts = rowCounts(written);
        List<WrittenFile> files = new ArrayList<>();
        for (Path file : written) {
            long rows = rowCounts.getOrDefault(file.toString(), 0L);
            if (rows == 0) {
                delete(file);
                continue;
            }
            List<Object> values = new ArrayList<>();
            Path destinationDir = target.dataDir();
            if (partition.isPresent()) {
                String dirName = file.getParent().getFileName().toString();
                String raw = dirName.substring(dirName.indexOf('=') + 1);
                Object value =
                        PartitionValues.parse(raw, partition.get(), partitionColumn(target.layout(), partition.get()));
                values.add(value);
                destinationDir = destinationDir.resolve(PartitionValues.directory(partition.get(), value));
            }
            Path destination = destinationDir.resolve(file.getFileName().toString());
            move(file, destination);
            files.add(new WrittenFile(destination.toString(), rows, size(destination), values));
        }
        return files;
    }

    private Map<String, Long> rowCounts(List<Path> files) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        if (files.isEmpty()) {
            return counts;
        }
        String list = Sql.stringList(files.stream().map(Path::toString).toList());
        try (Statement statement = connection.createStatement();
                ResultSet rs =
                        statement.executeQuery("SELECT file_name, num_rows FROM parquet_file_metadata(" + list + ")")) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    private static Column partitionColumn(TableLayout layout, PartitionField field) {
        return layout.schema()
                .column(field.column())
                .orElseThrow(
                        () -> new IllegalStateException("partition column " + field.column() + " is not in the table"));
    }

    private static String fieldIds(TableLayout layout) {
        return layout.schema().columns().stream()
                .map(c -> Sql.ident(c.name()) + ": " + c.id())
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private static void move(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            copyThenDelete(from, to);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot move data file to " + to, e);
        }
    }

    private static void copyThenDelete(Path from, Path to) {
        try {
            Path partial = to.resolveSibling(to.getFileName() + ".partial");
            Files.copy(from, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, to, StandardCopyOption.ATOMIC_MOVE);
            Files.delete(from);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy data file to " + to, e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
