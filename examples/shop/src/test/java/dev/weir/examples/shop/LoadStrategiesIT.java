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

/** The load strategies the demo does not use (merge, truncate-reload) and copy-on-write file pruning. */
class LoadStrategiesIT {
    private static final String HEADER = "account_id,owner,balance,op,updated_at\n";

    @TempDir
    Path dir;

    @Test
    void mergeUpsertsAndDeletesAndRunningTwiceChangesNothing() {
        DemoProject project = project(dir.resolve("p"));
        project.write("in/accounts/001.csv", HEADER + "1,ann,10.00,I,2024-01-01 00:00:01\n2,bob,20.00,I,2024-01-01 00:00:02\n3,cy,30.00,I,2024-01-01 00:00:03\n");
        assertThat(Weir.run(project.root(), "run", "accounts_merge").exitCode()).isZero();
        project.write("in/accounts/002.csv", HEADER + "2,bob,25.00,U,2024-01-02 00:00:01\n3,cy,30.00,D,2024-01-02 00:00:02\n4,dee,40.00,I,2024-01-02 00:00:03\n");

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
    }

    @Test
    void truncateReloadReplacesTheTableWithTheSourceEveryRun() {
        DemoProject project = project(dir.resolve("p"));
        project.write("in/rates.csv", "currency,rate\nEUR,1.00\nUSD,1.08\n");
        assertThat(Weir.run(project.root(), "run", "rates_reload").exitCode()).isZero();
        Map<String, String> first = digests(project);
        assertThat(Weir.run(project.root(), "run", "rates_reload").exitCode()).isZero();
        assertThat(digests(project)).isEqualTo(first);

        project.write("in/rates.csv", "currency,rate\nEUR,1.00\nGBP,0.86\n");
        Weir.Result changed = Weir.run(project.root(), "run", "rates_reload");

        assertThat(changed.exitCode()).as(changed.toString()).isZero();
        try (Lakehouse lake = new Lakehouse(project.root())) {
            assertThat(lake.rows("SELECT currency FROM silver.rates ORDER BY 1")).containsExactly(List.of("EUR"), List.of("GBP"));
            assertThat(lake.history("silver.rates")).hasSize(3);
        }
    }

    @Test
    void upsertRewritesOnlyTheFilesWhoseKeyBoundsCanMatchTheBatch() {
        DemoProject project = project(dir.resolve("p"));
        for (int batch = 0; batch < 5; batch++) {
            int first = batch * 100;
            project.write("in/accounts/" + batch + ".csv", HEADER + IntStream.range(first, first + 100)
                    .mapToObj(id -> id + ",owner" + id + ",1.00,I,2024-01-01 00:00:0" + 0)
                    .collect(Collectors.joining("\n")) + "\n");
            assertThat(Weir.run(project.root(), "run", "accounts_merge").exitCode()).isZero();
        }
        project.write("in/accounts/9.csv", HEADER + "150,changed,2.00,U,2024-01-02 00:00:00\n170,changed,3.00,U,2024-01-02 00:00:00\n");

        Weir.Result update = Weir.run(project.root(), "run", "accounts_merge");

        assertThat(update.exitCode()).as(update.toString()).isZero();
        assertThat(update.out()).contains("wrote 2 rows (1 files rewritten)");
        try (Lakehouse lake = new Lakehouse(project.root())) {
            List<SnapshotInfo> history = lake.history("silver.accounts");
            Map<String, String> last = history.get(history.size() - 1).summary();
            assertThat(last).containsEntry("deleted-data-files", "1").containsEntry("total-records", "500");
            assertThat(lake.value("SELECT owner FROM silver.accounts WHERE account_id = 170")).isEqualTo("changed");
        }
    }

    private static Map<String, String> digests(DemoProject project) {
        try (Lakehouse lake = new Lakehouse(project.root())) {
            return lake.digests();
        }
    }

    private static DemoProject project(Path root) {
        return DemoProject.empty(root)
                .write("weir.yaml", "name: strategies\n")
                .write("pipelines/accounts_merge.yaml", """
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
                          delete_when: "op = 'D'"
                        """)
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
}
