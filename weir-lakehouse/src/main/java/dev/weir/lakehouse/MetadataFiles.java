package dev.weir.lakehouse;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.TableId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableMetadataParser;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.exceptions.RuntimeIOException;
import org.apache.iceberg.io.FileIO;

/**
 * A table's metadata files as its catalog row names them, each read once. Iceberg's own table
 * refresh retries a failed read of the current metadata file 20 times with backoff, about 90 s, as
 * it would a file not yet visible on an eventually consistent store; a local file that is corrupt
 * or gone never becomes readable by waiting. So the current file is read here first, and a table
 * whose file cannot be read fails at once, naming the file.
 */
final class MetadataFiles {
    private static final String TABLE_ROW = " FROM iceberg_tables WHERE catalog_name = ? AND table_namespace = ?"
            + " AND table_name = ? AND (iceberg_type = 'TABLE' OR iceberg_type IS NULL)";
    private static final String SELECT_ENTRY = "SELECT metadata_location, previous_metadata_location" + TABLE_ROW;
    private static final String POINT_AT =
            "UPDATE iceberg_tables SET metadata_location = ?, previous_metadata_location = ?"
                    + TABLE_ROW.substring(" FROM iceberg_tables".length()) + " AND metadata_location = ?";
    /** Metadata files never change once written (a new version is a new file), so one good read is enough. */
    private static final int REMEMBERED_MAX = 10_000;

    private final CatalogDatabase database;
    private final FileIO io;
    private final Set<String> readable = ConcurrentHashMap.newKeySet();

    MetadataFiles(CatalogDatabase database, FileIO io) {
        this.database = database;
        this.io = io;
    }

    /** The metadata files the catalog row of a table names. */
    record Entry(String current, Optional<String> previous) {}

    /** Why a metadata file cannot be read. */
    record Problem(boolean missing, String detail) {
        /** For a sentence about the file: {@code does not exist}, {@code is corrupt (...)}. */
        String describe() {
            return missing ? "does not exist" : "is corrupt (" + detail + ")";
        }

        /** For a list of files: {@code missing}, {@code corrupt (...)}. */
        String brief() {
            return missing ? "missing" : "corrupt (" + detail + ")";
        }
    }

    /** One metadata file as read: its contents, or why they cannot be read. */
    record Read(String location, Optional<TableMetadata> metadata, Optional<Problem> problem) {}

    /**
     * @throws WeirException {@code TABLE_UNREADABLE} when the table's current metadata file is
     *     missing or cannot be parsed; nothing when the catalog has no such table
     */
    void requireReadable(TableId table) {
        Optional<Entry> entry = entry(table);
        if (entry.isEmpty() || readable.contains(entry.get().current())) {
            return;
        }
        Read current = read(entry.get().current());
        if (current.problem().isPresent()) {
            throw unreadable(table, current);
        }
    }

    static WeirException unreadable(TableId table, Read read) {
        return WeirException.withHint(
                ErrorCode.TABLE_UNREADABLE,
                "Cannot read table " + table + ": its metadata file " + local(read.location()) + " "
                        + read.problem().orElseThrow().describe(),
                "run `weir table repair " + table + "` to make its newest readable earlier metadata file current");
    }

    /**
     * The table's metadata files, newest first: the current one, then (from the newest readable of
     * the current file and the catalog's previous one) the files of its metadata log.
     *
     * @throws WeirException {@code UNKNOWN_TABLE} when the catalog has no such table
     */
    List<Read> log(TableId table) {
        Entry entry = entry(table)
                .orElseThrow(() -> WeirException.withHint(
                        ErrorCode.UNKNOWN_TABLE,
                        "Cannot read the metadata log of table " + table + ": it does not exist",
                        "name a table that `weir table list` shows"));
        List<Read> log = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Read newest = read(entry.current());
        log.add(newest);
        seen.add(newest.location());
        if (newest.metadata().isEmpty() && entry.previous().isPresent()) {
            newest = read(entry.previous().get());
            log.add(newest);
            seen.add(newest.location());
        }
        if (newest.metadata().isPresent()) {
            List<TableMetadata.MetadataLogEntry> earlier =
                    newest.metadata().get().previousFiles();
            for (int i = earlier.size() - 1; i >= 0; i--) {
                if (seen.add(earlier.get(i).file())) {
                    log.add(read(earlier.get(i).file()));
                }
            }
        }
        return log;
    }

    Read read(String location) {
        Path path;
        try {
            path = LocalFileIO.toPath(location);
        } catch (IllegalArgumentException e) {
            return failed(location, new Problem(false, e.getMessage()));
        }
        if (!Files.exists(path)) {
            return failed(location, new Problem(true, ""));
        }
        try {
            TableMetadata metadata = TableMetadataParser.read(io, location);
            if (readable.size() > REMEMBERED_MAX) {
                readable.clear();
            }
            readable.add(location);
            return new Read(location, Optional.of(metadata), Optional.empty());
        } catch (NotFoundException e) {
            return failed(location, new Problem(true, ""));
        } catch (RuntimeIOException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String detail =
                    cause instanceof JsonProcessingException json ? json.getOriginalMessage() : cause.toString();
            return failed(location, new Problem(false, firstLine(detail)));
        } catch (RuntimeException e) {
            // the parser rejects valid JSON that is not table metadata with argument and state errors
            return failed(location, new Problem(false, firstLine(String.valueOf(e.getMessage()))));
        }
    }

    private static Read failed(String location, Problem problem) {
        return new Read(location, Optional.empty(), Optional.of(problem));
    }

    /** The metadata files the catalog row of {@code table} names; empty when it has none. */
    Optional<Entry> entry(TableId table) {
        try (Connection connection = connect();
                PreparedStatement select = connection.prepareStatement(SELECT_ENTRY)) {
            bindTable(select, 1, table);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next() || row.getString(1) == null) {
                    return Optional.empty();
                }
                return Optional.of(new Entry(row.getString(1), Optional.ofNullable(row.getString(2))));
            }
        } catch (SQLException e) {
            throw catalogFailed("read table " + table + " from", e);
        }
    }

    /**
     * Points the catalog row of {@code table} at {@code location}, if it still points at {@code expected}.
     *
     * @throws WeirException {@code COMMIT_CONFLICT} when it no longer does
     */
    void pointAt(TableId table, String expected, String location, Optional<String> previous) {
        try (Connection connection = connect();
                PreparedStatement update = connection.prepareStatement(POINT_AT)) {
            update.setString(1, location);
            update.setString(2, previous.orElse(null));
            bindTable(update, 3, table);
            update.setString(6, expected);
            if (update.executeUpdate() != 1) {
                throw WeirException.withHint(
                        ErrorCode.COMMIT_CONFLICT,
                        "Cannot repair table " + table + ": its current metadata file changed meanwhile",
                        "run the repair again to see the table's metadata log as it is now");
            }
        } catch (SQLException e) {
            throw catalogFailed("update table " + table + " in", e);
        }
    }

    private Connection connect() throws SQLException {
        return database.connect();
    }

    private static void bindTable(PreparedStatement statement, int first, TableId table) throws SQLException {
        statement.setString(first, JdbcCatalogs.CATALOG_NAME);
        statement.setString(first + 1, table.namespace());
        statement.setString(first + 2, table.name());
    }

    private WeirException catalogFailed(String what, SQLException e) {
        return new WeirException(
                ErrorCode.INTERNAL,
                "Cannot " + what + " the table catalog " + database.url() + ": " + database.redact(e.getMessage()),
                null,
                database.accessHint() + "; `weir doctor` checks the database",
                e);
    }

    static Path local(String location) {
        return LocalFileIO.toPath(location);
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }
}
