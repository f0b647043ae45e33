package dev.weir.duckdb;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.quality.CheckMeasurement;
import dev.weir.core.quality.CheckTarget;
import dev.weir.core.spec.CheckSpec;
import dev.weir.core.spec.MetadataColumn;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.Batch;
import dev.weir.core.spi.Column;
import dev.weir.core.spi.ColumnCasts;
import dev.weir.core.spi.DataFileRef;
import dev.weir.core.spi.EngineSession;
import dev.weir.core.spi.KeyRange;
import dev.weir.core.spi.KeyedWrites;
import dev.weir.core.spi.LazyStaging;
import dev.weir.core.spi.LoadMetadata;
import dev.weir.core.spi.MalformedRecords;
import dev.weir.core.spi.NewestVersions;
import dev.weir.core.spi.QueryResult;
import dev.weir.core.spi.RejectedRows;
import dev.weir.core.spi.RelationInfo;
import dev.weir.core.spi.TableSchema;
import dev.weir.core.spi.TableState;
import dev.weir.core.spi.VanishedRows;
import dev.weir.core.spi.VersionHistories;
import dev.weir.core.spi.WrittenDeleteFile;
import dev.weir.core.spi.WrittenFile;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A DuckDB session: relations are temporary tables; Weir tables are views over their data files.
 * Staging is {@link BatchStager}'s, writing {@link TableWriter}'s, checks {@link CheckEvaluator}'s,
 * choosing a keyed load's rows {@link KeyVersions}';
 * the session runs stages and queries and answers questions about relations.
 */
final class DuckDbSession
        implements EngineSession,
                LazyStaging,
                MalformedRecords,
                KeyedWrites,
                NewestVersions,
                VersionHistories,
                LoadMetadata,
                RejectedRows,
                ColumnCasts {
    /** A type name as a contract writes it: {@code BIGINT}, {@code DOUBLE PRECISION}, {@code DECIMAL(10, 2)}. */
    private static final Pattern SQL_TYPE =
            Pattern.compile("[A-Za-z][A-Za-z0-9_ ]*(\\(\\s*\\d+\\s*(,\\s*\\d+\\s*)?\\))?");

    private final AutoCloseable cancellationWatch;
    private final SessionConnection sql;
    private final BatchStager stager;
    private final TableWriter writer;
    private final CheckEvaluator checks;
    private final RelationCounter counter;
    private final QuarantineRelation quarantine;
    private final KeyVersions versions;
    private final KeyHistories histories;
    private final MetadataColumns metadata;
    private final ColumnCaster caster;
    private final VanishedKeys vanished;

    DuckDbSession(Connection connection, Path scratchDir) {
        this(connection, scratchDir, () -> {});
    }

    /** @param cancellationWatch stops the watch on this session's run's cancellation; closed with the session */
    DuckDbSession(Connection connection, Path scratchDir, AutoCloseable cancellationWatch) {
        this.cancellationWatch = cancellationWatch;
        this.sql = new SessionConnection(connection);
        StagedRecords origins = new StagedRecords();
        this.stager = new BatchStager(sql, origins);
        this.writer = new TableWriter(sql, scratchDir);
        this.checks = new CheckEvaluator(connection);
        this.counter = new RelationCounter(connection);
        this.quarantine = new QuarantineRelation(connection, origins);
        this.versions = new KeyVersions(sql);
        this.histories = new KeyHistories(sql);
        this.metadata = new MetadataColumns(sql, origins);
        this.caster = new ColumnCaster(sql, this::tableType);
        this.vanished = new VanishedKeys(sql);
    }

    @Override
    public <T> Optional<T> capability(Class<T> type) {
        return type == VanishedRows.class ? Optional.of(type.cast(vanished)) : EngineSession.super.capability(type);
    }

    @Override
    public void attachTable(TableId table, TableSchema schema, List<DataFileRef> files) {
        String body;
        if (files.isEmpty()) {
            body = "SELECT "
                    + schema.columns().stream()
                            .map(c -> "CAST(NULL AS " + DuckDbTypes.toDuckDb(c.type()) + ") AS " + Sql.ident(c.name()))
                            .collect(Collectors.joining(", "))
                    + " LIMIT 0";
        } else {
            body = "SELECT " + Sql.identList(schema.names()) + " FROM " + LiveRows.of(files, schema, "t", false);
        }
        sql.execute("CREATE SCHEMA IF NOT EXISTS " + Sql.ident(table.namespace()), ErrorCode.INTERNAL);
        sql.execute("CREATE OR REPLACE VIEW " + Sql.table(table) + " AS " + body, ErrorCode.INTERNAL);
    }

    @Override
    public TableSchema stageLazily(Batch batch) {
        return stager.stageLazily(batch);
    }

    @Override
    public RelationInfo stage(Batch batch, Optional<Batch.KeyFilter> filter) {
        return stager.stage(batch, filter);
    }

    @Override
    public RelationInfo stageKeepingMalformed(Batch batch, Optional<Batch.KeyFilter> filter, String malformed) {
        return stager.stageKeepingMalformed(batch, filter, malformed);
    }

    @Override
    public RelationInfo runStage(String name, String sqlText) {
        String create = "CREATE OR REPLACE TEMP TABLE " + Sql.ident(name) + " AS ";
        // as JSON, DuckDB's errors say where in the statement they are (the text form shows an excerpt)
        sql.execute("SET errors_as_json = true", ErrorCode.INTERNAL);
        try (Statement statement = sql.jdbc().createStatement()) {
            statement.execute(create + sqlText);
        } catch (SQLException e) {
            throw StageFailures.of(name, e, create, sqlText);
        } finally {
            sql.execute("RESET errors_as_json", ErrorCode.INTERNAL);
        }
        return sql.describe(name);
    }

    @Override
    public RelationInfo filter(String name, String relation, String predicate, boolean keepMatching) {
        String condition = keepMatching ? "(" + predicate + ") IS TRUE" : "(" + predicate + ") IS NOT TRUE";
        sql.execute(
                "CREATE OR REPLACE TEMP TABLE " + Sql.ident(name) + " AS SELECT * FROM " + Sql.ident(relation)
                        + " WHERE " + condition,
                ErrorCode.TRANSFORM_FAILED);
        return sql.describe(name);
    }

    @Override
    public RelationInfo splitOnNulls(
            String passing, String rejected, String relation, List<String> columns, String check) {
        return versions.splitOnNulls(passing, rejected, relation, columns, check);
    }

    @Override
    public long tiedNewestRows(String relation, List<String> keys, String sequence) {
        return versions.tiedNewestRows(relation, keys, sequence);
    }

    @Override
    public RelationInfo newestPerKey(String name, String relation, List<String> keys, String sequence) {
        return versions.newestPerKey(name, relation, keys, sequence);
    }

    @Override
    public RelationInfo newerThanTable(
            String name,
            String relation,
            List<DataFileRef> files,
            TableSchema schema,
            List<String> keys,
            String sequence) {
        return versions.newerThanTable(name, relation, files, schema, keys, sequence);
    }

    @Override
    public RelationInfo versions(String name, String batch, Optional<String> changedAt, Instant runStart) {
        return histories.versions(name, batch, changedAt, runStart);
    }

    @Override
    public long tiedVersions(String versions, List<String> keys) {
        return histories.tiedVersions(versions, keys);
    }

    @Override
    public RelationInfo rebuildHistory(
            String name,
            String changedKeys,
            String versions,
            List<DataFileRef> files,
            TableSchema schema,
            List<String> keys,
            List<String> tracked,
            Optional<String> changedAt) {
        return histories.rebuildHistory(name, changedKeys, versions, files, schema, keys, tracked, changedAt);
    }

    @Override
    public RelationInfo withMetadata(
            String name, String relation, List<MetadataColumn> columns, Instant loadedAt, String runId, String source) {
        return metadata.withMetadata(name, relation, columns, loadedAt, runId, source);
    }

    @Override
    public Optional<String> maxValue(String relation, String column, Optional<String> type) {
        String value = type.map(t -> "TRY_CAST(" + Sql.ident(column) + " AS " + t + ")")
                .orElse(Sql.ident(column));
        List<List<String>> rows = sql.select("SELECT CAST(max(" + value + ") AS VARCHAR) FROM " + Sql.ident(relation));
        return Optional.ofNullable(rows.get(0).get(0));
    }

    @Override
    public Optional<KeyRange> range(String relation, String column) {
        List<List<String>> rows = sql.select("SELECT CAST(min(" + Sql.ident(column) + ") AS VARCHAR), CAST(max("
                + Sql.ident(column) + ") AS VARCHAR) FROM " + Sql.ident(relation));
        List<String> row = rows.get(0);
        return row.get(0) == null ? Optional.empty() : Optional.of(new KeyRange(column, row.get(0), row.get(1)));
    }

    @Override
    public long duplicateKeyRows(String relation, List<String> keys) {
        String k = Sql.identList(keys);
        return Long.parseLong(sql.select("SELECT coalesce(sum(n), 0) FROM (SELECT count(*) AS n FROM "
                        + Sql.ident(relation) + " GROUP BY " + k + " HAVING count(*) > 1)")
                .get(0)
                .get(0));
    }

    @Override
    public Set<String> filesMatchingKeys(
            List<DataFileRef> files, TableSchema schema, String keysRelation, List<String> keys) {
        if (files.isEmpty()) {
            return Set.of();
        }
        String query = "SELECT DISTINCT t." + LiveRows.FILE + " FROM " + LiveRows.of(files, schema, "t", true)
                + " SEMI JOIN " + Sql.ident(keysRelation) + " k ON " + Sql.keyJoin("t", "k", keys);
        return sql.select(query).stream()
                .map(r -> files.get(Integer.parseInt(r.get(0))).path())
                .collect(Collectors.toCollection(HashSet::new));
    }

    @Override
    public List<WrittenFile> write(String relation, TableState target, String filePrefix) {
        return writer.write(relation, target, filePrefix, stager.inputNames());
    }

    @Override
    public List<WrittenFile> rewriteWithout(
            List<DataFileRef> files, String keysRelation, List<String> keys, TableState target, String filePrefix) {
        return writer.rewriteWithout(files, keysRelation, keys, target, filePrefix);
    }

    @Override
    public List<WrittenFile> rewrite(List<DataFileRef> files, TableState target, String filePrefix) {
        return writer.rewrite(files, target, filePrefix);
    }

    @Override
    public List<WrittenDeleteFile> deleteRowsMatchingKeys(
            List<DataFileRef> files, String keysRelation, List<String> keys, TableState target, String filePrefix) {
        return writer.deleteRowsMatchingKeys(files, keysRelation, keys, target, filePrefix);
    }

    @Override
    public CheckMeasurement measure(CheckSpec check, CheckTarget target, int sampleSize) {
        return checks.measure(check, target, sampleSize);
    }

    @Override
    public RelationInfo splitOnChecks(String passing, String rejected, List<CheckSpec> rowChecks, CheckTarget target) {
        checks.split(
                passing,
                rejected,
                rowChecks,
                target,
                sql.columnsOf(target.relation()).names());
        return sql.describe(passing);
    }

    @Override
    public Optional<String> tableType(String sqlType) {
        if (!SQL_TYPE.matcher(sqlType.strip()).matches()) {
            return Optional.empty();
        }
        try (Statement statement = sql.jdbc().createStatement();
                ResultSet rs = statement.executeQuery("SELECT typeof(CAST(NULL AS " + sqlType.strip() + "))")) {
            rs.next();
            String iceberg = DuckDbTypes.toIceberg(rs.getString(1));
            return iceberg.equals(Column.unsupported(rs.getString(1))) ? Optional.empty() : Optional.of(iceberg);
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    @Override
    public Casted castColumns(String name, String rejected, String relation, List<Cast> casts) {
        return caster.cast(name, rejected, relation, casts);
    }

    @Override
    public QueryResult query(String sqlText, int maxRows) {
        try (Statement statement = sql.jdbc().createStatement()) {
            statement.setMaxRows(maxRows);
            try (ResultSet rs = statement.executeQuery(sqlText)) {
                int n = rs.getMetaData().getColumnCount();
                List<String> columns = new ArrayList<>();
                List<String> types = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    columns.add(rs.getMetaData().getColumnLabel(i));
                    types.add(DuckDbTypes.toIceberg(rs.getMetaData().getColumnTypeName(i)));
                }
                return new QueryResult(columns, types, ValueText.rows(rs));
            }
        } catch (SQLException e) {
            throw WeirException.withHint(
                    ErrorCode.QUERY_INVALID,
                    "Cannot run query: " + DuckDbErrors.firstLine(e),
                    "check the SQL; tables are named namespace.table");
        }
    }

    @Override
    public long count(String relation) {
        return counter.count(relation);
    }

    @Override
    public Map<String, Long> countBy(String relation, String column) {
        return counter.countBy(relation, column);
    }

    @Override
    public long countAnyNull(String relation, List<String> columns) {
        return counter.countAnyNull(relation, columns);
    }

    @Override
    public RelationInfo quarantineRows(
            String name, List<RejectedRows.Rejects> rejects, String runId, String pipeline, Instant rejectedAt) {
        quarantine.create(name, rejects, runId, pipeline, rejectedAt);
        return sql.describe(name);
    }

    @Override
    public long dropQuarantined(String rejects, String quarantineRelation, String pipeline) {
        return quarantine.dropQuarantined(rejects, quarantineRelation, pipeline);
    }

    @Override
    public void close() {
        try {
            cancellationWatch.close();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot stop watching the run's cancellation", e);
        } finally {
            sql.close();
        }
    }
}
