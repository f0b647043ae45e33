package dev.weir.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.spi.SnapshotInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The load strategies the demo does not use (merge, truncate-reload), both merge modes, file
 * pruning, and compaction of position deletes.
 */
class LoadStrategiesIT {
    private static final String HEADER = "account_id,owner,balance,op,updated_at\n";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"merge-on-read", "copy-on-write"})
    void mergeUpsertsAndDeletesAndRunningTwiceChangesNothing(String mergeMode) {
        DemoProject project = project(dir.resolve("p"), mergeMode);
        project.write(
                "in/accounts/001.csv",
                HEADER
                        + "1,ann,10.00,I,2024-01-01 00:00:01\n2,bob,20.00,I,2024-01-01 00:00:02\n3,cy,30.00,I,2024-01-01 00:00:03\n");
        assertThat(Weir.run(project.root(), "run", "accounts_merge").exitCode()).isZero();
        project.write(
                "in/accounts/002.csv",
                HEADER
                        + "2,bob,25.00,U,2024-01-02 00:00:01\n3,cy,30.00,D,2024-01-02 00:00:02\n4,dee,40.00,I,2024-01-02 00:00:03\n");

        Weir.Result second = Weir.run(project.root(), "run", "accounts_merge");
        Map<String, String> afterOnce = digests(project);
        Weir.Result third = Weir.run(project.root(), "run", "accounts_merge");

        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(third.exitCode()).as(third.toString()).isZero();
        assertThat(third.out()).contains("SUCCESS accounts_merge         extracted 0");
        try (Lakehouse lake = new Lakehouse(project.root())) {
            assertThat(lake.rows("SELECT account_id, CAST(balance AS VARCHAR) FROM silver.accounts ORDER BY 1"))
                    .containsExactly(List.of("1", "10.00"), List.of("2", "25.00"), List.of("4", "40.00"));
        }
        assertThat(digests(project)).isEqualTo(afterOnce);
        assertIcebergReadsWhatWeirReads(project, "silver.accounts");
    }

    @Test
    void truncateReloadReplacesTheTableWithTheSourceEveryRun() {
        DemoProject project = project(dir.resolve("p"), "merge-on-read");
        project.write("in/rates.csv", "currency,rate\nEUR,1.00\nUSD,1.08\n");
        assertThat(Weir.run(project.root(), "run", "rates_reload").exitCode()).isZero();
        Map<String, String> first = digests(project);
        assertThat(Weir.run(project.root(), "run", "rates_reload").exitCode()).isZero();
        assertThat(digests(project)).isEqualTo(first);

        project.write("in/rates.csv", "currency,rate\nEUR,1.00\nGBP,0.86\n");
        Weir.Result changed = Weir.run(project.root(), "run", "rates_reload");

        assertThat(changed.exitCode()).as(changed.toString()).isZero();
        try (Lakehouse lake = new Lakehouse(project.root())) {
            assertThat(lake.rows("SELECT currency FROM silver.rates ORDER BY 1"))
                    .containsExactly(List.of("EUR"), List.of("GBP"));
            assertThat(lake.history("silver.rates")).hasSize(3);
        }
    }

    @Test
    void copyOnWriteUpsertRewritesOnlyTheFilesWhoseKeyBoundsCanMatchTheBatch() {
        DemoProject project = fiveFilesOfHundredAccounts("copy-on-write");
        project.write(
                "in/accounts/9.csv",
                HEADER + "150,changed,2.00,U,2024-01-02 00:00:00\n170,changed,3.00,U,2024-01-02 00:00:00\n");

        Weir.Result update = Weir.run(project.root(), "run", "accounts_merge");

        assertThat(update.exitCode()).as(update.toString()).isZero();
        assertThat(update.out()).contains("wrote 2 rows (1 files rewritten)");
        try (Lakehouse lake = new Lakehouse(project.root())) {
            Map<String, String> last = lastSummary(lake);
            assertThat(last).containsEntry("deleted-data-files", "1").containsEntry("total-records", "500");
            assertThat(lake.value("SELECT owner FROM silver.accounts WHERE account_id = 170"))
                    .isEqualTo("changed");
        }
    }

    @Test
    void mergeOnReadUpsertWritesTheChangedRowsAndOnePositionDeleteFileWithoutRewritingData() {
        DemoProject project = fiveFilesOfHundredAccounts("merge-on-read");
        project.write(
                "in/accounts/9.csv",
                HEADER + "150,changed,2.00,U,2024-01-02 00:00:00\n170,changed,3.00,U,2024-01-02 00:00:00\n");

        Weir.Result update = Weir.run(project.root(), "run", "accounts_merge");

        assertThat(update.exitCode()).as(update.toString()).isZero();
        assertThat(update.out()).contains("wrote 2 rows;");
        try (Lakehouse lake = new Lakehouse(project.root())) {
            assertThat(lastSummary(lake))
                    .doesNotContainKey("deleted-data-files")
                    .containsEntry("added-data-files", "1")
                    .containsEntry("added-position-delete-files", "1")
                    .containsEntry("added-position-deletes", "2")
                    .containsEntry("total-records", "502");
            assertThat(lake.count("silver.accounts")).isEqualTo(500);
            assertThat(lake.rows("SELECT owner FROM silver.accounts WHERE account_id IN (150, 170)"))
                    .containsExactly(List.of("changed"), List.of("changed"));
        }
        assertIcebergReadsWhatWeirReads(project, "silver.accounts");
    }

    @Test
    void mergeOnReadUpdatingOneKeyTwiceDeletesEachOldRowOnce() {
        DemoProject project = fiveFilesOfHundredAccounts("merge-on-read");
        project.write("in/accounts/9.csv", HEADER + "150,first,2.00,U,2024-01-02 00:00:00\n");
        assertThat(Weir.run(project.root(), "run", "accounts_merge").exitCode()).isZero();
        project.write("in/accounts/10.csv", HEADER + "150,second,3.00,U,2024-01-03 00:00:00\n");

        Weir.Result again = Weir.run(project.root(), "run", "accounts_merge");

        assertThat(again.exitCode()).as(again.toString()).isZero();
        try (Lakehouse lake = new Lakehouse(project.root())) {
            // the row of the first update is deleted; the original row, already deleted, is not listed again
            assertThat(lastSummary(lake))
                    .containsEntry("added-position-deletes", "1")
                    .containsEntry("total-position-deletes", "2");
            assertThat(lake.rows("SELECT owner FROM silver.accounts WHERE account_id = 150"))
                    .containsExactly(List.of("second"));
            assertThat(lake.count("silver.accounts")).isEqualTo(500);
        }
        assertIcebergReadsWhatWeirReads(project, "silver.accounts");
    }

    @Test
    void mergeOnReadKeepsOneDeleteFilePerDataFileAcrossRuns() {
        DemoProject project = fiveFilesOfHundredAccounts("merge-on-read");
        project.write("in/accounts/9.csv", HEADER + "150,first,2.00,U,2024-01-02 00:00:00\n");
        assertThat(Weir.run(project.root(), "run", "accounts_merge").exitCode()).isZero();
        project.write("in/accounts/10.csv", HEADER + "160,second,3.00,U,2024-01-03 00:00:00\n");

        Weir.Result again = Weir.run(project.root(), "run", "accounts_merge");

        assertThat(again.exitCode()).as(again.toString()).isZero();
        try (Lakehouse lake = new Lakehouse(project.root())) {
            assertThat(lastSummary(lake))
                    .containsEntry("added-position-deletes", "2")
                    .containsEntry("removed-position-delete-files", "1")
                    .containsEntry("total-delete-files", "1")
                    .containsEntry("total-position-deletes", "2");
            assertThat(lake.count("silver.accounts")).isEqualTo(500);
        }
        assertIcebergReadsWhatWeirReads(project, "silver.accounts");
    }

    @Test
    void mergeOnReadIntoAPartitionedTableDeletesInTheOldPartitionAndCompactionKeepsThePartitions() {
        DemoProject project = project(dir.resolve("p"), "merge-on-read");
        project.write(
                "pipelines/accounts_merge.yaml",
                accountsPipeline("merge-on-read")
                        .replace("  merge_mode:", "  partition_key: day(updated_at)\n  merge_mode:"));
        project.write(
                "in/accounts/001.csv",
                HEADER + "1,ann,10.00,I,2024-01-01 00:00:01\n2,bob,20.00,I,2024-01-01 00:00:02\n"
                        + "3,cy,30.00,I,2024-01-02 00:00:03\n");
        assertThat(Weir.run(project.root(), "run", "accounts_merge").exitCode()).isZero();
        project.write(
                "in/accounts/002.csv",
                HEADER + "1,ann,11.00,U,2024-01-03 00:00:01\n3,cy,33.00,U,2024-01-03 00:00:02\n");

        Weir.Result update = Weir.run(project.root(), "run", "accounts_merge");

        assertThat(update.exitCode()).as(update.toString()).isZero();
        try (Lakehouse lake = new Lakehouse(project.root());
                IcebergTables iceberg = new IcebergTables(project.root())) {
            assertThat(lake.rows("SELECT account_id, CAST(balance AS VARCHAR) FROM silver.accounts ORDER BY 1"))
                    .containsExactly(List.of("1", "11.00"), List.of("2", "20.00"), List.of("3", "33.00"));
            assertThat(iceberg.currentDeleteFiles("silver.accounts"))
                    .hasSize(2)
                    .allSatisfy(file -> assertThat(file).containsPattern("/data/updated_at_day=2024-01-0[12]/"));
        }
        assertIcebergReadsWhatWeirReads(project, "silver.accounts");
        Map<String, String> before = digests(project);

        assertThat(Weir.run(project.root(), "table", "compact", "silver.accounts")
                        .exitCode())
                .isZero();

        assertThat(digests(project)).isEqualTo(before);
        try (IcebergTables iceberg = new IcebergTables(project.root())) {
            assertThat(iceberg.currentDeleteFiles("silver.accounts")).isEmpty();
            assertThat(iceberg.rows("silver.accounts")).hasSize(3);
            assertThat(iceberg.currentDataFiles("silver.accounts"))
                    .allSatisfy(file -> assertThat(file).containsPattern("/data/updated_at_day=2024-01-0[123]/"));
        }
    }

    @Test
    void compactionFoldsPositionDeletesAndMergesSmallFilesKeepingEveryRow() {
        DemoProject project = fiveFilesOfHundredAccounts("merge-on-read");
        project.write(
                "in/accounts/9.csv",
                HEADER + "150,changed,2.00,U,2024-01-02 00:00:00\n250,gone,0.00,D,2024-01-02 00:00:00\n");
        assertThat(Weir.run(project.root(), "run", "accounts_merge").exitCode()).isZero();
        Map<String, String> before = digests(project);

        Weir.Result compact = Weir.run(project.root(), "table", "compact", "silver.accounts");
        Weir.Result nothingLeft = Weir.run(project.root(), "table", "compact", "silver.accounts");

        assertThat(compact.exitCode()).as(compact.toString()).isZero();
        assertThat(compact.out())
                .startsWith("Compacted silver.accounts: 6 data files -> 1 (rewrote 6, 2 of them with deletes, into 1);"
                        + " dropped 2 delete files; 2 deleted rows removed, 499 rows kept; ");
        assertThat(nothingLeft.out())
                .isEqualTo("Nothing to compact in silver.accounts: no data file has position deletes and no"
                        + " partition has 5 files below 384.0 MB\n");
        assertThat(digests(project)).isEqualTo(before);
        try (Lakehouse lake = new Lakehouse(project.root());
                IcebergTables iceberg = new IcebergTables(project.root())) {
            assertThat(lastSummary(lake))
                    .containsEntry("total-delete-files", "0")
                    .containsEntry("total-data-files", "1")
                    .containsEntry("total-records", "499");
            assertThat(iceberg.currentDeleteFiles("silver.accounts")).isEmpty();
        }
        assertIcebergReadsWhatWeirReads(project, "silver.accounts");
        Weir.Result afterwards = Weir.run(project.root(), "run", "accounts_merge");
        assertThat(afterwards.out()).as("a compaction moves no watermark").contains("extracted 0");
    }

    @Test
    void compactionLeavesSmallFilesAloneInAPartitionWithFewerThanMinInputFiles() {
        DemoProject project = fiveFilesOfHundredAccounts("merge-on-read");
        project.write("in/accounts/9.csv", HEADER + "150,changed,2.00,U,2024-01-02 00:00:00\n");
        assertThat(Weir.run(project.root(), "run", "accounts_merge").exitCode()).isZero();
        Map<String, String> before = digests(project);

        Weir.Result compact = Weir.run(project.root(), "table", "compact", "silver.accounts", "--min-input-files", "7");

        assertThat(compact.exitCode()).as(compact.toString()).isZero();
        assertThat(compact.out())
                .startsWith("Compacted silver.accounts: 6 data files -> 6 (rewrote 1, 1 of them with deletes, into 1);"
                        + " dropped 1 delete files; 1 deleted rows removed, 99 rows kept; ");
        assertThat(digests(project)).isEqualTo(before);
        assertThat(Weir.run(project.root(), "table", "compact", "silver.accounts", "--target-file-size", "100")
                        .out())
                .as("no Parquet file is as small as 75 bytes")
                .startsWith("Nothing to compact in silver.accounts: no data file has position deletes and no"
                        + " partition has 5 files below 75 B");
    }

    @Test
    void copyOnWriteAfterMergeOnReadRewritesLiveRowsAndDropsTheRewrittenFilesDeletes() {
        DemoProject project = fiveFilesOfHundredAccounts("merge-on-read");
        project.write("in/accounts/9.csv", HEADER + "150,first,2.00,U,2024-01-02 00:00:00\n");
        assertThat(Weir.run(project.root(), "run", "accounts_merge").exitCode()).isZero();
        project.write("pipelines/accounts_merge.yaml", accountsPipeline("copy-on-write"));
        project.write("in/accounts/10.csv", HEADER + "160,second,3.00,U,2024-01-03 00:00:00\n");

        Weir.Result update = Weir.run(project.root(), "run", "accounts_merge");

        assertThat(update.exitCode()).as(update.toString()).isZero();
        try (Lakehouse lake = new Lakehouse(project.root());
                IcebergTables iceberg = new IcebergTables(project.root())) {
            assertThat(lastSummary(lake))
                    .containsEntry("removed-position-delete-files", "1")
                    .containsEntry("total-delete-files", "0");
            assertThat(iceberg.currentDeleteFiles("silver.accounts")).isEmpty();
            assertThat(lake.count("silver.accounts")).isEqualTo(500);
            assertThat(lake.rows(
                            "SELECT owner FROM silver.accounts WHERE account_id IN (150, 160) ORDER BY account_id"))
                    .containsExactly(List.of("first"), List.of("second"));
        }
        assertIcebergReadsWhatWeirReads(project, "silver.accounts");
    }

    private DemoProject fiveFilesOfHundredAccounts(String mergeMode) {
        DemoProject project = project(dir.resolve("p"), mergeMode);
        for (int batch = 0; batch < 5; batch++) {
            int first = batch * 100;
            project.write(
                    "in/accounts/" + batch + ".csv",
                    HEADER
                            + IntStream.range(first, first + 100)
                                    .mapToObj(id -> id + ",owner" + id + ",1.00,I,2024-01-01 00:00:00")
                                    .collect(Collectors.joining("\n"))
                            + "\n");
            assertThat(Weir.run(project.root(), "run", "accounts_merge").exitCode())
                    .isZero();
        }
        return project;
    }

    private static Map<String, String> lastSummary(Lakehouse lake) {
        List<SnapshotInfo> history = lake.history("silver.accounts");
        return history.get(history.size() - 1).summary();
    }

    private static void assertIcebergReadsWhatWeirReads(DemoProject project, String table) {
        try (Lakehouse lake = new Lakehouse(project.root());
                IcebergTables iceberg = new IcebergTables(project.root())) {
            List<List<String>> viaWeir = IcebergTables.sorted(lake.rows("SELECT * FROM " + table));
            List<List<String>> viaIceberg = IcebergTables.sorted(iceberg.rows(table));
            assertThat(viaIceberg)
                    .as("Iceberg's generic reader on " + table)
                    .isNotEmpty()
                    .isEqualTo(viaWeir);
        }
    }

    private static Map<String, String> digests(DemoProject project) {
        try (Lakehouse lake = new Lakehouse(project.root())) {
            return lake.digests();
        }
    }

    private static DemoProject project(Path root, String mergeMode) {
        return DemoProject.empty(root)
                .write("weir.yaml", "name: strategies\n")
                .write("pipelines/accounts_merge.yaml", accountsPipeline(mergeMode))
                .write("pipelines/rates_reload.yaml", """
                        pipeline:
                          name: rates_reload
                        extract:
                          source_system: files
                          connection: in/rates.csv
                          format: csv
                          strategy: full
                        load:
                          target: silver.rates
                          strategy: truncate-reload
                        """);
    }

    private static String accountsPipeline(String mergeMode) {
        return """
                pipeline:
                  name: accounts_merge
                extract:
                  source_system: files
                  connection: in/accounts/*.csv
                  format: csv
                  strategy: incremental
                  new_files: true
                transform:
                  stages:
                    - name: typed
                      sql: |
                        SELECT CAST(account_id AS BIGINT) AS account_id, owner, CAST(balance AS DECIMAL(12, 2)) AS balance,
                               op, CAST(updated_at AS TIMESTAMP) AS updated_at
                        FROM source
                        QUALIFY row_number() OVER (PARTITION BY account_id ORDER BY updated_at DESC) = 1
                load:
                  target: silver.accounts
                  strategy: merge
                  merge_keys: [account_id]
                  merge_mode: %s
                  delete_when: "op = 'D'"
                """.formatted(mergeMode);
    }
}
