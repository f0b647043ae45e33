package dev.weir.metastore;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.quality.CheckResult;
import dev.weir.core.spec.DatabaseLogin;
import dev.weir.core.spi.AlertLedger;
import dev.weir.core.spi.BackfillStore;
import dev.weir.core.spi.Metastore;
import dev.weir.core.spi.RunRecord;
import dev.weir.core.spi.RunStatus;
import dev.weir.core.spi.ScheduleStore;
import dev.weir.core.spi.StageEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@link Metastore} on a SQL database (a SQLite file, or PostgreSQL for a team), shared by
 * every Weir process of a project.
 *
 * <p>Each call takes a connection of its own (a new one on SQLite, one of a small pool on
 * PostgreSQL) and runs exactly one statement in auto-commit mode (or, to save check results, one
 * batch of inserts committed together), so each call is one short transaction and no snapshot
 * outlives it; concurrent writers queue on the database's locks. Timestamps are kept to the millisecond: finer parts of an {@code Instant} are dropped when
 * saved. Failures of the database surface as {@link WeirException} with {@link ErrorCode#INTERNAL},
 * or {@link ErrorCode#DISK_FULL} when its disk is full.
 */
public final class SqlMetastore implements Metastore {
    private final SqlStatements statements;
    private final SqlScheduleStore schedules;
    private final Clock clock;
    private final AlertLedger alertLedger;
    private final SqlBackfillStore backfills;

    SqlMetastore(MetastoreDatabase database, Clock clock) {
        this.statements = new SqlStatements(database);
        this.schedules = new SqlScheduleStore(statements);
        this.clock = Objects.requireNonNull(clock, "clock is null");
        this.alertLedger = new SqlAlertLedger(statements);
        this.backfills = new SqlBackfillStore(statements);
    }

    /**
     * Opens the metastore at {@code jdbcUrl} (for example {@code jdbc:sqlite:/abs/.weir/weir.db}),
     * creating the file and its directory if missing and migrating it to the latest schema. Safe
     * to call from several processes at once.
     *
     * @throws WeirException with {@link ErrorCode#USAGE} if the URL names no database file, with
     *     {@link ErrorCode#INTERNAL} if the database cannot be created or migrated
     */
    public static SqlMetastore open(String jdbcUrl) {
        return open(jdbcUrl, Optional.empty());
    }

    /**
     * Opens the metastore at {@code jdbcUrl}, a SQLite file as {@link #open(String)} does or a
     * PostgreSQL database ({@code jdbc:postgresql://host:port/database}) signed in as {@code login},
     * and migrates it to the latest schema. Safe to call from several processes at once.
     *
     * @throws WeirException with {@link ErrorCode#USAGE} if the URL names no database Weir can use,
     *     {@link ErrorCode#METASTORE_UNAVAILABLE} if its server cannot be reached or refuses the login,
     *     {@link ErrorCode#INTERNAL} if the database cannot be created or migrated
     */
    public static SqlMetastore open(String jdbcUrl, Optional<DatabaseLogin> login) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl is null");
        Objects.requireNonNull(login, "login is null");
        MetastoreDatabase database = MetastoreDatabase.at(jdbcUrl, login);
        try {
            SchemaMigration.apply(database);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return new SqlMetastore(database, Clock.systemUTC());
    }

    @Override
    public void saveRun(RunRecord run) {
        Objects.requireNonNull(run, "run is null");
        update("save run " + run.runId(), RunRows.UPSERT, s -> RunRows.bind(s, run));
    }

    @Override
    public void addStageEvent(StageEvent event) {
        Objects.requireNonNull(event, "event is null");
        update(
                "add stage event " + event.stage() + " of run " + event.runId(),
                StageEventRows.INSERT,
                s -> StageEventRows.bind(s, event));
    }

    @Override
    public Optional<RunRecord> run(String runId) {
        Objects.requireNonNull(runId, "runId is null");
        List<RunRecord> runs = query(
                "read run " + runId, RunRows.SELECT + " WHERE run_id = ?", s -> s.setString(1, runId), RunRows::read);
        return runs.stream().findFirst();
    }

    @Override
    public List<RunRecord> recentRuns(Optional<String> pipeline, int limit) {
        Objects.requireNonNull(pipeline, "pipeline is null");
        if (limit < 0) {
            throw new IllegalArgumentException("limit is negative: " + limit);
        }
        if (pipeline.isEmpty()) {
            return query(
                    "list recent runs",
                    RunRows.SELECT + RunRows.LATEST_FIRST + " LIMIT ?",
                    s -> s.setInt(1, limit),
                    RunRows::read);
        }
        return query(
                "list recent runs of pipeline " + pipeline.get(),
                RunRows.SELECT + " WHERE pipeline_name = ?" + RunRows.LATEST_FIRST + " LIMIT ?",
                s -> {
                    s.setString(1, pipeline.get());
                    s.setInt(2, limit);
                },
                RunRows::read);
    }

    /** {@inheritDoc} Latest first. */
    @Override
    public List<RunRecord> runningRuns(String pipeline) {
        Objects.requireNonNull(pipeline, "pipeline is null");
        return query(
                "list running runs of pipeline " + pipeline,
                RunRows.SELECT + " WHERE pipeline_name = ? AND status = ?" + RunRows.LATEST_FIRST,
                s -> {
                    s.setString(1, pipeline);
                    s.setString(2, RunStatus.RUNNING.wireName());
                },
                RunRows::read);
    }

    @Override
    public List<StageEvent> stageEvents(String runId) {
        Objects.requireNonNull(runId, "runId is null");
        return query(
                "read stage events of run " + runId,
                StageEventRows.SELECT_OF_RUN,
                s -> s.setString(1, runId),
                StageEventRows::read);
    }

    @Override
    public Optional<String> watermark(String pipeline) {
        Objects.requireNonNull(pipeline, "pipeline is null");
        List<String> watermarks = query(
                "read watermark of pipeline " + pipeline,
                "SELECT watermark_json FROM weir_watermarks WHERE pipeline_name = ?",
                s -> s.setString(1, pipeline),
                row -> row.getString(1));
        return watermarks.stream().findFirst();
    }

    @Override
    public void saveWatermark(String pipeline, String watermarkJson, String runId) {
        Objects.requireNonNull(pipeline, "pipeline is null");
        Objects.requireNonNull(watermarkJson, "watermarkJson is null");
        Objects.requireNonNull(runId, "runId is null");
        String updatedAt = TimestampText.format(clock.instant());
        update(
                "save watermark of pipeline " + pipeline,
                "INSERT INTO weir_watermarks (pipeline_name, watermark_json, run_id, updated_at) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (pipeline_name) DO UPDATE SET watermark_json = excluded.watermark_json,"
                        + " run_id = excluded.run_id, updated_at = excluded.updated_at",
                s -> {
                    s.setString(1, pipeline);
                    s.setString(2, watermarkJson);
                    s.setString(3, runId);
                    s.setString(4, updatedAt);
                });
    }

    /**
     * {@inheritDoc} All of them or, if any fails, none. Saving no results opens no connection, so
     * it never waits for another writer's lock.
     */
    @Override
    public void saveCheckResults(List<CheckResult> results) {
        Objects.requireNonNull(results, "results is null");
        if (results.isEmpty()) {
            return;
        }
        String runIds = results.stream().map(CheckResult::runId).distinct().collect(Collectors.joining(", "));
        Instant recordedAt = clock.instant();
        updateAll(
                "save check results of run " + runIds,
                CheckResultRows.INSERT,
                results,
                (s, result) -> CheckResultRows.bind(s, result, recordedAt));
    }

    @Override
    public List<CheckResult> checkResults(String runId) {
        Objects.requireNonNull(runId, "runId is null");
        return query(
                "read check results of run " + runId,
                CheckResultRows.SELECT_OF_RUN,
                s -> s.setString(1, runId),
                CheckResultRows::read);
    }

    @Override
    public ScheduleStore schedules() {
        return schedules;
    }

    @Override
    public AlertLedger alertLedger() {
        return alertLedger;
    }

    @Override
    public BackfillStore backfills() {
        return backfills;
    }

    /** Closes the connections kept for the next calls (PostgreSQL's pool; SQLite keeps none). */
    @Override
    public void close() {
        statements.close();
    }

    private void update(String action, String sql, SqlStatements.Parameters parameters) {
        statements.update(action, sql, parameters);
    }

    private <T> void updateAll(String action, String sql, List<T> items, SqlStatements.ItemParameters<T> parameters) {
        statements.updateAll(action, sql, items, parameters);
    }

    private <T> List<T> query(
            String action, String sql, SqlStatements.Parameters parameters, SqlStatements.RowReader<T> reader) {
        return statements.query(action, sql, parameters, reader);
    }
}
