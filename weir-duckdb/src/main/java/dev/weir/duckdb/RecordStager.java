package dev.weir.duckdb;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.Location;
import dev.weir.core.error.RejectedBatchException;
import dev.weir.core.spi.Batch;
import dev.weir.core.spi.Column;
import dev.weir.core.spi.EngineSession;
import dev.weir.core.spi.RecordReject;
import dev.weir.core.spi.RecordSink;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Appends the rows of a {@link Batch.Records} batch, which its source converted itself, into a
 * session table through DuckDB's appender, and its rejects into a malformed-records relation or,
 * when none is given, fails on the first of them.
 */
final class RecordStager {
    /** The check name of records that could not be parsed or converted. */
    private static final String PARSE_CHECK = "parse";

    private final SessionConnection sql;

    RecordStager(SessionConnection sql) {
        this.sql = sql;
    }

    /**
     * Creates table {@code rowsTable} with the batch's columns and {@link StagedRecords#ROW}, and
     * fills it, numbering the batch's files in {@code origins}, the source reading ahead on a
     * thread of its own. With {@code malformed} present, its rejects become the rows of that
     * relation; otherwise the batch is read to its end and fails, naming the first reject's file,
     * line, column and value and how many of its records were rejected.
     *
     * @return how many records were rejected
     * @throws RejectedBatchException when a record was rejected and {@code malformed} is absent
     */
    long stage(Batch.Records batch, String rowsTable, Optional<String> malformed, StagedRecords origins) {
        origins.staging(batch);
        sql.execute(
                "CREATE OR REPLACE TEMP TABLE " + Sql.ident(rowsTable) + " (" + columnList(batch.columns()) + ", "
                        + Sql.ident(StagedRecords.ROW) + " BIGINT)",
                ErrorCode.INTERNAL);
        malformed.ifPresent(m -> sql.execute(
                "CREATE OR REPLACE TEMP TABLE " + Sql.ident(m) + " (" + Sql.ident(EngineSession.REJECTED_CHECK)
                        + " VARCHAR, " + Sql.ident(EngineSession.REJECTED_REASON) + " VARCHAR, "
                        + Sql.ident(EngineSession.REJECTED_RECORD) + " VARCHAR, "
                        + Sql.ident(EngineSession.REJECTED_ORIGIN) + " VARCHAR)",
                ErrorCode.INTERNAL));
        DuckDBConnection duck = unwrap();
        try (DuckDBAppender rows = duck.createAppender("temp", "main", rowsTable);
                Appenders rejects = new Appenders(
                        malformed.isPresent() ? duck.createAppender("temp", "main", malformed.get()) : null)) {
            Sink sink = new Sink(batch, rows, rejects.appender, origins);
            ReadAhead.read(batch.reader(), sink, batch.description());
            sink.failOnFirstReject();
            return sink.rejected;
        } catch (SQLException e) {
            throw DuckDbErrors.failure(ErrorCode.SOURCE_FAILED, e);
        }
    }

    private DuckDBConnection unwrap() {
        try {
            return sql.jdbc().unwrap(DuckDBConnection.class);
        } catch (SQLException e) {
            throw DuckDbErrors.failure(ErrorCode.INTERNAL, e);
        }
    }

    private static String columnList(List<Column> columns) {
        return columns.stream()
                .map(c -> Sql.ident(c.name()) + " " + DuckDbTypes.toDuckDb(c.type()))
                .collect(Collectors.joining(", "));
    }

    /** An appender that may be absent, closed with the others. */
    private record Appenders(DuckDBAppender appender) implements AutoCloseable {
        @Override
        public void close() throws SQLException {
            if (appender != null) {
                appender.close();
            }
        }
    }

    private static final class Sink implements RecordSink {
        private final Batch.Records batch;
        private final DuckDBAppender rows;
        private final DuckDBAppender rejects;
        private final String[] types;
        private final StagedRecords origins;
        /** The file of the row before, by identity: readers pass one instance per file. */
        private String file;

        private int fileNumber;
        long records;
        long rejected;
        /** Without a relation for rejects, the first of them: it fails the batch once all is read. */
        private RecordReject firstReject;

        Sink(Batch.Records batch, DuckDBAppender rows, DuckDBAppender rejects, StagedRecords origins) {
            this.batch = batch;
            this.rows = rows;
            this.rejects = rejects;
            this.origins = origins;
            this.types = batch.columns().stream().map(Column::type).toArray(String[]::new);
        }

        @Override
        public void row(Object[] values, String file, long line) {
            records++;
            if (firstReject != null) {
                return; // the batch fails: what is left is counted, not staged
            }
            if (file != this.file) {
                fileNumber = origins.fileNumber(file);
                this.file = file;
            }
            try {
                rows.beginRow();
                for (int i = 0; i < types.length; i++) {
                    append(values[i]);
                }
                rows.append(StagedRecords.row(fileNumber, line));
                rows.endRow();
            } catch (SQLException e) {
                throw DuckDbErrors.failure(ErrorCode.SOURCE_FAILED, e);
            }
        }

        private void append(Object value) throws SQLException {
            if (value == null) {
                rows.appendNull();
            } else if (value instanceof String s) {
                rows.append(s);
            } else if (value instanceof Long l) {
                rows.append(l.longValue());
            } else if (value instanceof Integer i) {
                rows.append(i.intValue());
            } else if (value instanceof BigDecimal d) {
                rows.append(d);
            } else if (value instanceof Double d) {
                rows.append(d.doubleValue());
            } else if (value instanceof Float f) {
                rows.append(f.floatValue());
            } else if (value instanceof Boolean b) {
                rows.append(b.booleanValue());
            } else if (value instanceof LocalDate d) {
                rows.append(d);
            } else if (value instanceof LocalDateTime t) {
                rows.append(t);
            } else if (value instanceof OffsetDateTime t) {
                rows.append(t);
            } else if (value instanceof LocalTime t) {
                rows.append(t);
            } else if (value instanceof UUID u) {
                rows.append(u.toString());
            } else {
                throw new IllegalArgumentException(
                        "Cannot stage a value of " + value.getClass() + " from " + batch.description());
            }
        }

        @Override
        public void reject(RecordReject reject) {
            records++;
            rejected++;
            if (rejects == null) {
                if (firstReject == null) {
                    firstReject = reject;
                }
                return;
            }
            try {
                rejects.beginRow();
                rejects.append(PARSE_CHECK);
                rejects.append(reject.describe());
                rejects.append(reject.record());
                rejects.append(reject.origin());
                rejects.endRow();
            } catch (SQLException e) {
                throw DuckDbErrors.failure(ErrorCode.SOURCE_FAILED, e);
            }
        }

        void failOnFirstReject() {
            if (firstReject == null) {
                return;
            }
            RecordReject reject = firstReject;
            int colon = reject.origin().lastIndexOf(':');
            Location where =
                    colon > 0 && reject.origin().substring(colon + 1).chars().allMatch(Character::isDigit)
                            ? Location.ofLine(
                                    reject.origin().substring(0, colon),
                                    Long.parseLong(reject.origin().substring(colon + 1)))
                            : Location.ofFile(reject.origin());
            throw new RejectedBatchException(
                    "Cannot load record: " + reject.detail() + " (" + reject.reason() + ")"
                            + (rejected == 1
                                    ? ""
                                    : "; " + rejected + " of the batch's " + records + " records are rejects"),
                    where,
                    "fix the record and run again (nothing of this batch was loaded), or set"
                            + " error_handling.strategy: dead-letter to quarantine such records and load the rest",
                    records,
                    rejected);
        }
    }
}
