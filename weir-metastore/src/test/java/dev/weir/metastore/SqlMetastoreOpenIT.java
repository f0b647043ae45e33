package dev.weir.metastore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.quality.CheckPhase;
import dev.weir.core.quality.CheckResult;
import dev.weir.core.quality.CheckStatus;
import dev.weir.core.spec.Severity;
import dev.weir.core.spi.RunRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlMetastoreOpenIT {
    private static final String HISTORY = "SELECT version, success FROM weir_schema_history ORDER BY installed_rank";

    @TempDir
    Path dir;

    @Test
    void openCreatesTheMissingDirectoryAndTheWeirTables() throws Exception {
        Path file = dir.resolve("project/.weir/weir.db");
        String url = "jdbc:sqlite:" + file;

        SqlMetastore.open(url).close();

        assertThat(file).isRegularFile();
        assertThat(RawSqlite.query(
                        url,
                        "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'weir%'" + " ORDER BY name"))
                .flatExtracting(row -> row)
                .containsExactly(
                        "weir_alert_deliveries",
                        "weir_alert_digest_queue",
                        "weir_alert_digests",
                        "weir_backfill_chunks",
                        "weir_backfills",
                        "weir_check_results",
                        "weir_once_markers",
                        "weir_runs",
                        "weir_schedule_cursors",
                        "weir_schedule_ticks",
                        "weir_scheduler_lease",
                        "weir_schema_history",
                        "weir_stage_events",
                        "weir_watermarks");
        assertThat(RawSqlite.query(url, HISTORY))
                .containsExactly(
                        List.of("1", "1"),
                        List.of("2", "1"),
                        List.of("3", "1"),
                        List.of("4", "1"),
                        List.of("5", "1"),
                        List.of("6", "1"));
    }

    @Test
    void openLeavesTheFileInWalModeSoReadersDoNotBlockWriters() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("weir.db");

        SqlMetastore.open(url).close();

        assertThat(RawSqlite.single(url, "PRAGMA journal_mode")).isEqualTo("wal");
    }

    @Test
    void reopeningAnExistingDatabaseKeepsItsDataAndRunsNoMigrationAgain() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("weir.db");
        RunRecord run = RunRecord.started("orders", "r-1", Instant.parse("2024-05-01T10:15:30.123Z"), Optional.empty());
        try (SqlMetastore first = SqlMetastore.open(url)) {
            first.saveRun(run);
        }
        List<List<String>> historyAfterFirstOpen = RawSqlite.query(url, "SELECT * FROM weir_schema_history");

        try (SqlMetastore second = SqlMetastore.open(url)) {
            assertThat(second.run("r-1")).contains(run);
        }

        assertThat(RawSqlite.query(url, "SELECT * FROM weir_schema_history"))
                .isEqualTo(historyAfterFirstOpen)
                .hasSize(SchemaMigration.LATEST_VERSION);
    }

    @Test
    void databaseAlreadyHoldingIcebergCatalogTablesMigratesAndKeepsThem() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("weir.db");
        RawSqlite.execute(
                url,
                "CREATE TABLE iceberg_tables (catalog_name VARCHAR(255) NOT NULL, table_namespace VARCHAR(255) NOT NULL,"
                        + " table_name VARCHAR(255) NOT NULL, metadata_location VARCHAR(1000),"
                        + " previous_metadata_location VARCHAR(1000),"
                        + " PRIMARY KEY (catalog_name, table_namespace, table_name))",
                "INSERT INTO iceberg_tables VALUES ('weir', 'silver', 'orders', '/w/v2.metadata.json', '/w/v1.metadata.json')");

        try (SqlMetastore metastore = SqlMetastore.open(url)) {
            metastore.saveWatermark("orders", "{}", "r-1");
            assertThat(metastore.watermark("orders")).contains("{}");
        }

        assertThat(RawSqlite.query(url, "SELECT table_name, metadata_location FROM iceberg_tables"))
                .containsExactly(List.of("orders", "/w/v2.metadata.json"));
        assertThat(RawSqlite.query(url, HISTORY))
                .containsExactly(
                        List.of("0", "1"),
                        List.of("1", "1"),
                        List.of("2", "1"),
                        List.of("3", "1"),
                        List.of("4", "1"),
                        List.of("5", "1"),
                        List.of("6", "1"));
    }

    @Test
    void databaseOfTheFirstSchemaMigratesKeepingItsRunsAndThenStoresCheckResults() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("weir.db");
        // A metastore written before check results existed: its history records version 1 only.
        Flyway.configure()
                .dataSource(url, null, null)
                .locations("classpath:db/migration/sqlite")
                .table("weir_schema_history")
                .target("1")
                .load()
                .migrate();
        RawSqlite.execute(
                url,
                "INSERT INTO weir_runs (run_id, pipeline_name, started_at, status, stage,"
                        + " rows_extracted, rows_transformed, rows_loaded, rows_rejected, quality_checks_passed,"
                        + " quality_checks_failed, duration_seconds)"
                        + " VALUES ('r-1', 'orders', '2024-05-01T10:15:30.123Z', 'running', 'start', 0, 0, 0, 0, 0, 0, 0.0)");
        CheckResult result = new CheckResult(
                "r-1",
                "order_id_not_null",
                "not_null",
                CheckPhase.PRE_LOAD,
                Severity.P0,
                CheckStatus.PASSED,
                false,
                "0",
                "0",
                0,
                List.of());

        try (SqlMetastore metastore = SqlMetastore.open(url)) {
            Instant startedAt = Instant.parse("2024-05-01T10:15:30.123Z");
            assertThat(metastore.run("r-1")).contains(RunRecord.started("orders", "r-1", startedAt, Optional.empty()));
            metastore.saveCheckResults(List.of(result));
            assertThat(metastore.checkResults("r-1")).containsExactly(result);
        }

        assertThat(RawSqlite.query(url, HISTORY))
                .containsExactly(
                        List.of("1", "1"),
                        List.of("2", "1"),
                        List.of("3", "1"),
                        List.of("4", "1"),
                        List.of("5", "1"),
                        List.of("6", "1"));
    }

    @Test
    void fileThatIsNotADatabaseFailsToMigrateWithAnInternalError() throws Exception {
        Path file = dir.resolve("weir.db");
        Files.writeString(file, "this is not a SQLite database, but a text file that is long enough".repeat(20));
        String url = "jdbc:sqlite:" + file;

        assertThatThrownBy(() -> SqlMetastore.open(url))
                .isInstanceOfSatisfying(
                        WeirException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL))
                .hasMessageStartingWith("Cannot migrate metastore " + url + ": ");
    }

    @Test
    void urlOfAnotherDatabaseIsRejectedAsAUsageError() {
        assertThatThrownBy(() -> SqlMetastore.open("jdbc:mysql://localhost/weir"))
                .isInstanceOfSatisfying(WeirException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.USAGE);
                    assertThat(e.hint())
                            .contains("use jdbc:sqlite:<path to a file>, e.g. jdbc:sqlite:.weir/weir.db, or"
                                    + " jdbc:postgresql://host:5432/database");
                })
                .hasMessage("Cannot open metastore jdbc:mysql://localhost/weir: only SQLite and PostgreSQL URLs are"
                        + " supported");
    }

    @Test
    void inMemoryDatabaseIsRejectedBecauseItWouldForgetEveryWrite() {
        assertThatThrownBy(() -> SqlMetastore.open("jdbc:sqlite::memory:"))
                .isInstanceOfSatisfying(
                        WeirException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USAGE))
                .hasMessage("Cannot open metastore jdbc:sqlite::memory:: the metastore must be a database file");
        assertThatThrownBy(() -> SqlMetastore.open("jdbc:sqlite:"))
                .isInstanceOf(WeirException.class)
                .hasMessage("Cannot open metastore jdbc:sqlite:: the metastore must be a database file");
    }
}
