package dev.weir.connectors.jdbc;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.ExtractSpec;
import dev.weir.core.spi.Batch;
import dev.weir.core.spi.BatchEnd;
import dev.weir.core.spi.KeyWindow;
import dev.weir.core.spi.LiveKeys;
import dev.weir.core.spi.Position;
import dev.weir.core.spi.Source;
import dev.weir.core.spi.SourceBatch;
import dev.weir.core.spi.SourceContext;
import dev.weir.core.spi.SourceProbe;
import dev.weir.core.spi.StagedRelation;
import dev.weir.core.spi.WindowedSource;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads a table or a query over JDBC, whole ({@code strategy: full}) or from the last cursor
 * watermark less the lookback ({@code strategy: incremental}). The columns and their types are
 * taken from a probe that reads no row, so an unmappable column fails the run before anything is
 * read; the rows then stream to the engine.
 */
final class JdbcSource implements Source, LiveKeys, SourceProbe, WindowedSource {
    private final ExtractSpec extract;
    private final JdbcSourceOptions options;
    private final SourceContext context;
    private final Drivers drivers;
    private final DatabaseConnection database;
    private Connection connection;
    /** What {@link #open} found: the relation's query, columns and key. */
    private String from;

    private List<SourceColumn> columns = List.of();
    private List<String> key = List.of();

    JdbcSource(ExtractSpec extract, SourceContext context) {
        this.extract = extract;
        this.options = (JdbcSourceOptions) extract.options();
        this.context = context;
        Redactor redactor = new Redactor();
        this.drivers = new Drivers(context.projectRoot());
        this.database = new DatabaseConnection(
                options.connection(),
                new SecretPlaceholders(context.projectRoot(), context.secrets(), redactor),
                redactor,
                drivers);
    }

    @Override
    public SourceBatch open(Optional<Position> previous) {
        connection = database.open();
        try {
            String quote = identifierQuote(connection.getMetaData());
            from = "SELECT * FROM " + options.relation().sql();
            columns = probe(from);
            key = primaryKey();
            String origin =
                    options.connection().name() + ":" + options.relation().describe();
            Optional<String> cursorColumn = extract.keyColumn();
            if (cursorColumn.isEmpty()) {
                Batch.Records batch =
                        records(from, columns, Optional.empty(), Optional.empty(), origin, rowKey(columns, key));
                return new SourceBatch(batch, Optional.empty(), BatchEnd.none(), false);
            }
            List<String> warnings = new ArrayList<>();
            CursorPlan plan = plan(cursorColumn.get(), columns, previous, warnings);
            String column = quote + plan.column().replace(quote, quote + quote) + quote;
            String sql = "SELECT * FROM (" + from + ") weir_rows"
                    + plan.lowerBound()
                            .map(b -> " WHERE " + column + " >= ?"
                                    + (plan.readsNullCursors() ? " OR " + column + " IS NULL" : ""))
                            .orElse("");
            WatermarkTracker tracker = new WatermarkTracker(plan);
            Batch.Records batch = records(
                    sql, columns, Optional.of(plan), Optional.of(tracker), origin, rowKey(columns, plan.keyColumns()));
            Optional<Position> before = CursorWatermark.of(previous, plan.column(), plan.icebergType())
                    .map(CursorWatermark::toPosition);
            return new SourceBatch(batch, Optional.empty(), new TrackedEnd(tracker, before), false, warnings);
        } catch (SQLException e) {
            throw database.failure(
                    "Cannot read " + options.relation().describe() + " from '"
                            + options.connection().name() + "'",
                    e);
        }
    }

    /**
     * The rows of a backfill chunk: the engine keeps those whose cursor lies in {@code window}, so
     * that the key is compared in the type the engine staged it in, as a scheduled run's watermark is.
     * Each chunk reads the relation whole.
     */
    @Override
    public SourceBatch openWindow(KeyWindow window) {
        connection = database.open();
        try {
            from = "SELECT * FROM " + options.relation().sql();
            columns = probe(from);
            key = primaryKey();
            String cursor = plan(extract.keyColumn().orElseThrow(), columns, Optional.empty(), new ArrayList<>())
                    .column();
            String origin =
                    options.connection().name() + ":" + options.relation().describe();
            Batch.Records batch =
                    records(from, columns, Optional.empty(), Optional.empty(), origin, rowKey(columns, key));
            return new SourceBatch(
                    batch,
                    Optional.of(Batch.KeyFilter.within(cursor, extract.keyType(), window)),
                    BatchEnd.none(),
                    false);
        } catch (SQLException e) {
            throw database.failure(
                    "Cannot read " + options.relation().describe() + " from '"
                            + options.connection().name() + "'",
                    e);
        }
    }

    private Batch.Records records(
            String sql,
            List<SourceColumn> columns,
            Optional<CursorPlan> plan,
            Optional<WatermarkTracker> tracker,
            String origin,
            RowKey key) {
        JdbcRecordReader reader = new JdbcRecordReader(
                connection,
                database,
                sql,
                columns,
                options.fetchSize(),
                plan,
                tracker,
                origin,
                key,
                context.cancellation());
        return new Batch.Records(
                columns.stream().map(SourceColumn::toColumn).toList(),
                reader,
                options.relation().describe() + " of connection '"
                        + options.connection().name() + "'");
    }

    /** Everything a first run does before it reads a row: connect, type the columns, plan the cursor. */
    @Override
    public void probe() {
        open(Optional.empty());
    }

    /**
     * Every value of {@code keys} the relation holds, read now on the run's connection. It runs
     * after the batch was read, so a row inserted meanwhile is listed and never taken for a deleted one.
     */
    @Override
    public Batch liveKeys(List<String> keys) {
        List<SourceColumn> keyColumns = new ArrayList<>();
        for (String column : keys) {
            keyColumns.add(columns.get(indexOf(columns, column)
                    .orElseThrow(() -> WeirException.withHint(
                            ErrorCode.SOURCE_FAILED,
                            "Cannot reconcile deletes: " + options.relation().describe() + " has no column '" + column
                                    + "' of load.merge_keys " + keys,
                            "set load.merge_keys to the source's key, keeping its column names in the transform"
                                    + " stages; the relation's columns are "
                                    + columns.stream().map(SourceColumn::name).toList()))));
        }
        String quote;
        try {
            quote = identifierQuote(connection.getMetaData());
        } catch (SQLException e) {
            throw database.failure(
                    "Cannot read the keys of " + options.relation().describe(), e);
        }
        String list = String.join(
                ", ",
                keyColumns.stream()
                        .map(c -> quote + c.name().replace(quote, quote + quote) + quote)
                        .toList());
        String origin = options.connection().name() + ":" + options.relation().describe() + " keys";
        return records(
                "SELECT " + list + " FROM (" + from + ") weir_keys",
                keyColumns,
                Optional.empty(),
                Optional.empty(),
                origin,
                rowKey(keyColumns, keys));
    }

    /** The columns of the relation, from a query that returns no row. */
    private List<SourceColumn> probe(String from) throws SQLException {
        TypeMapping mapping = new TypeMapping(isSqlite(), this::isPostgresEnum);
        try (Statement statement = connection.createStatement();
                ResultSet none = statement.executeQuery("SELECT * FROM (" + from + ") weir_probe WHERE 1 = 0")) {
            ResultSetMetaData meta = none.getMetaData();
            List<SourceColumn> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(mapping.column(meta, i));
            }
            return columns;
        } finally {
            connection.rollback();
        }
    }

    private CursorPlan plan(
            String cursor, List<SourceColumn> columns, Optional<Position> previous, List<String> warnings)
            throws SQLException {
        int index = indexOf(columns, cursor)
                .orElseThrow(() -> WeirException.withHint(
                        ErrorCode.SOURCE_FAILED,
                        "Cannot extract incrementally on '" + cursor + "': "
                                + options.relation().describe() + " has no such column",
                        "set extract.incremental_key to one of "
                                + columns.stream().map(SourceColumn::name).toList()));
        SourceColumn column = columns.get(index);
        CursorType type = CursorType.of(cursor, column.icebergType(), column.sourceType());
        List<String> keyColumns = key;
        if (keyColumns.isEmpty()) {
            throw WeirException.withHint(
                    ErrorCode.SOURCE_FAILED,
                    "Cannot extract incrementally from " + options.relation().describe()
                            + ": it has no primary key to tie-break the cursor with",
                    "declare it, such as 'primary_key: [order_id]'");
        }
        List<Integer> keyIndexes = new ArrayList<>();
        for (String key : keyColumns) {
            keyIndexes.add(indexOf(columns, key)
                    .orElseThrow(() -> WeirException.withHint(
                            ErrorCode.SOURCE_FAILED,
                            "Invalid extract.primary_key: " + options.relation().describe() + " has no column '" + key
                                    + "'",
                            "list columns of "
                                    + columns.stream().map(SourceColumn::name).toList())));
        }
        Optional<CursorWatermark> watermark = CursorWatermark.of(previous, cursor, column.icebergType());
        if (watermark.isEmpty() && previous.isPresent()) {
            warnings.add("The last position (" + previous.get().display() + ") is not a watermark on " + cursor + " ("
                    + column.icebergType() + "): reading every row");
        }
        Optional<Object> bound = watermark.map(w -> type.lowerBound(w.value(), options.lookback(), cursor));
        return new CursorPlan(
                cursor, index, type, column.icebergType(), keyIndexes, keyColumns, bound, options.nullCursor());
    }

    /** {@code extract.primary_key}, or else the primary key {@code extract.table} declares; empty when neither. */
    private List<String> primaryKey() throws SQLException {
        return options.primaryKey().isEmpty() ? tablePrimaryKey() : options.primaryKey();
    }

    /** The key of rows in {@code columns}, when they hold all of it; {@link RowKey#NONE} otherwise. */
    private static RowKey rowKey(List<SourceColumn> columns, List<String> key) {
        List<Integer> indexes = new ArrayList<>();
        for (String column : key) {
            Optional<Integer> index = indexOf(columns, column);
            if (index.isEmpty()) {
                return RowKey.NONE;
            }
            indexes.add(index.get() + 1);
        }
        return new RowKey(key, indexes);
    }

    /**
     * The primary key {@code extract.table} declares, in key order; empty for a query or a table
     * without one. Tried as written, then in lower and upper case, as databases fold unquoted names.
     */
    private List<String> tablePrimaryKey() throws SQLException {
        Optional<String> table = options.relation().table();
        if (table.isEmpty()) {
            return List.of();
        }
        String[] parts = table.get().split("\\.");
        String name = parts[parts.length - 1];
        String schema = parts.length > 1 ? parts[parts.length - 2] : null;
        DatabaseMetaData meta = connection.getMetaData();
        try {
            for (String candidate : List.of(name, name.toLowerCase(Locale.ROOT), name.toUpperCase(Locale.ROOT))) {
                Map<Short, String> bySequence = new TreeMap<>();
                try (ResultSet keys = meta.getPrimaryKeys(null, schema, candidate)) {
                    while (keys.next()) {
                        bySequence.put(keys.getShort("KEY_SEQ"), keys.getString("COLUMN_NAME"));
                    }
                }
                if (!bySequence.isEmpty()) {
                    return List.copyOf(bySequence.values());
                }
            }
            return List.of();
        } finally {
            connection.rollback();
        }
    }

    private static Optional<Integer> indexOf(List<SourceColumn> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    private boolean isSqlite() throws SQLException {
        return connection.getMetaData().getDatabaseProductName().equalsIgnoreCase("SQLite");
    }

    /** PostgreSQL reports the columns of an enumeration type under the type's own name. */
    private boolean isPostgresEnum(String typeName) {
        try {
            if (!connection.getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
                return false;
            }
            try (var statement = connection.prepareStatement(
                    "SELECT 1 FROM pg_catalog.pg_type WHERE typtype = 'e' AND typname = ?")) {
                statement.setString(1, typeName.replace("\"", ""));
                try (ResultSet found = statement.executeQuery()) {
                    return found.next();
                }
            }
        } catch (SQLException e) {
            throw database.failure(
                    "Cannot read the type of a column of " + options.relation().describe(), e);
        }
    }

    private static String identifierQuote(DatabaseMetaData meta) throws SQLException {
        String quote = meta.getIdentifierQuoteString();
        return quote == null || quote.isBlank() ? "" : quote.trim();
    }

    @Override
    public void close() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            // the rows were read and the transaction rolled back; a failing close loses nothing
        } finally {
            drivers.close();
        }
    }

    /**
     * The end of an incremental batch: the watermark of the rows read, or the previous one when no
     * row had a cursor. Known once the rows have been read, and only then: the runner asks for it
     * after staging a batch it loads unchanged (an append), while a batch that failed before its
     * end has no end to move past.
     */
    private record TrackedEnd(WatermarkTracker tracker, Optional<Position> before) implements BatchEnd {
        @Override
        public Optional<Position> resolve(StagedRelation staged) {
            return end();
        }

        @Override
        public Optional<Position> known() {
            return tracker.finished() ? end() : Optional.empty();
        }

        private Optional<Position> end() {
            return tracker.watermark().map(CursorWatermark::toPosition).or(() -> before);
        }
    }
}
