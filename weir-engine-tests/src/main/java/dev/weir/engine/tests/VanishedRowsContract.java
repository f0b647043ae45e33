package dev.weir.engine.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.run.EngineContractLoads;
import dev.weir.core.spec.LoadSpec;
import dev.weir.core.spec.LoadStrategy;
import dev.weir.core.spec.MergeMode;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.Batch;
import dev.weir.core.spi.Column;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Deletes reconciled against the source's keys ({@code extract.reconcile_deletes}), in both merge
 * modes: the table's rows whose keys are in neither the source nor the batch are deleted, marked
 * in {@code _deleted_at}, or closed in an scd2 history, in the load's own commit.
 */
abstract class VanishedRowsContract extends ContractTopic {
    private static final Instant AT = Instant.parse("2024-03-01T12:00:00Z");

    VanishedRowsContract(ContractProject project) {
        super(project, "vanished");
    }

    /** The source's keys, as a source lists them. */
    private static Batch.Records keys(long... ids) {
        return new Batch.Records(
                List.of(new Column(0, "id", "long", true)),
                sink -> Arrays.stream(ids).forEach(id -> sink.row(new Object[] {id}, "keys", (int) id)),
                "the source's keys");
    }

    private static String batchOf(String... tuples) {
        return "SELECT CAST(id AS BIGINT) AS id, CAST(name AS VARCHAR) AS name FROM (VALUES ("
                + String.join("), (", tuples) + ")) AS t(id, name)";
    }

    private static LoadSpec upsert(TableId table, MergeMode mode) {
        return load(table, LoadStrategy.UPSERT, List.of("id"), mode, Optional.empty(), Optional.empty());
    }

    private TableId table(String name, MergeMode mode) {
        return table(name + "_" + mode.name().toLowerCase(Locale.ROOT));
    }

    @ParameterizedTest
    @EnumSource(MergeMode.class)
    void rowsGoneFromTheSourceAreDeletedInTheLoadsCommitAndKeysOfTheBatchStay(MergeMode mode) {
        TableId table = table("deleted", mode);
        load(upsert(table, mode), batchOf("1, 'a'", "2, 'b'", "3, 'c'", "4, 'd'", "5, 'e'"));

        // key 5 is in the batch but not in the list: it was read this run, so it stays
        EngineContractLoads.Reconciled reconciled =
                loadReconciling(upsert(table, mode), batchOf("5, 'e2'"), keys(1, 2, 4), false, AT);

        assertThat(reconciled.rowsGone()).isEqualTo(1);
        assertThat(reconciled.rowsInScope()).isEqualTo(5);
        assertThat(read(table, "id, name", "id"))
                .containsExactly(row("1", "a"), row("2", "b"), row("4", "d"), row("5", "e2"));
    }

    @Test
    void aCompositeKeyIsGoneOnlyWhenNoneOfItsColumnsCombinationIsListed() {
        TableId table = table("composite");
        LoadSpec load = load(
                table,
                LoadStrategy.UPSERT,
                List.of("region", "id"),
                MergeMode.MERGE_ON_READ,
                Optional.empty(),
                Optional.empty());
        String rows = "SELECT CAST(region AS VARCHAR) AS region, CAST(id AS BIGINT) AS id FROM (VALUES ('eu', 1),"
                + " ('eu', 2), ('us', 1), ('us', 2)) AS t(region, id)";
        load(load, rows);
        Batch.Records listed = new Batch.Records(
                List.of(new Column(0, "region", "string", true), new Column(0, "id", "long", true)),
                sink -> {
                    sink.row(new Object[] {"eu", 1L}, "keys", 1);
                    sink.row(new Object[] {"us", 2L}, "keys", 2);
                    sink.row(new Object[] {"eu", 2L}, "keys", 3);
                },
                "the source's keys");

        EngineContractLoads.Reconciled reconciled = loadReconciling(load, rows + " WHERE false", listed, false, AT);

        assertThat(reconciled.rowsGone()).isEqualTo(1);
        assertThat(read(table, "region, CAST(id AS VARCHAR)", "region, id"))
                .containsExactly(row("eu", "1"), row("eu", "2"), row("us", "2"));
    }

    @Test
    void aReconciliationWithAnEmptyBatchStillDeletes() {
        TableId table = table("empty_batch");
        load(upsert(table, MergeMode.MERGE_ON_READ), batchOf("1, 'a'", "2, 'b'"));

        EngineContractLoads.Reconciled reconciled = loadReconciling(
                upsert(table, MergeMode.MERGE_ON_READ), batchOf("1, 'a'") + " WHERE false", keys(2), false, AT);

        assertThat(reconciled.load().snapshotId()).isPresent();
        assertThat(read(table, "id", "id")).containsExactly(row("2"));
    }

    @Test
    void aSoftDeleteMarksTheRowOnceAndAKeyThatComesBackIsLiveAgain() {
        TableId table = table("soft");
        LoadSpec load = upsert(table, MergeMode.MERGE_ON_READ);
        loadReconciling(load, batchOf("1, 'a'", "2, 'b'", "3, 'c'"), keys(1, 2, 3), true, AT);

        loadReconciling(load, batchOf("1, 'a2'"), keys(1, 2), true, AT);
        EngineContractLoads.Reconciled again =
                loadReconciling(load, batchOf("1, 'a3'"), keys(1, 2), true, AT.plusSeconds(3600));

        assertThat(again.rowsGone()).as("a marked row is not found gone again").isZero();
        assertThat(read(table, "id, name, CAST(_deleted_at AS VARCHAR)", "id"))
                .containsExactly(row("1", "a3", null), row("2", "b", null), row("3", "c", "2024-03-01 12:00:00+00"));

        loadReconciling(load, batchOf("3, 'c2'"), keys(1, 2, 3), true, AT.plusSeconds(7200));
        assertThat(read(table, "id, name, CAST(_deleted_at AS VARCHAR)", "id"))
                .containsExactly(row("1", "a3", null), row("2", "b", null), row("3", "c2", null));
    }

    @ParameterizedTest
    @EnumSource(MergeMode.class)
    void anScd2HistoryClosesTheCurrentVersionOfAKeyGoneAndKeepsItsHistory(MergeMode mode) {
        TableId table = table("history", mode);
        LoadSpec scd2 = new LoadSpec(
                table,
                LoadStrategy.SCD2,
                List.of("id"),
                mode,
                Optional.empty(),
                Optional.empty(),
                List.of(),
                Optional.of("changed_at"),
                List.of(),
                List.of());
        String versions = "SELECT CAST(id AS BIGINT) AS id, CAST(name AS VARCHAR) AS name,"
                + " CAST(changed_at AS TIMESTAMPTZ) AS changed_at FROM (VALUES (1, 'a', '2024-01-01 00:00:00+00'),"
                + " (1, 'a2', '2024-02-01 00:00:00+00'), (2, 'b', '2024-01-01 00:00:00+00')) AS t(id, name, changed_at)";
        load(scd2, versions);

        EngineContractLoads.Reconciled reconciled =
                loadReconciling(scd2, versions + " WHERE id = 2", keys(2), false, AT);

        assertThat(reconciled.rowsGone()).as("current versions found gone").isEqualTo(1);
        assertThat(reconciled.rowsInScope()).as("current versions").isEqualTo(2);
        assertThat(read(table, "id, name, CAST(valid_to AS VARCHAR), CAST(is_current AS VARCHAR)", "id, valid_from"))
                .containsExactly(
                        row("1", "a", "2024-02-01 00:00:00+00", "false"),
                        row("1", "a2", "2024-03-01 12:00:00+00", "false"),
                        row("2", "b", "9999-12-31 00:00:00+00", "true"));
    }
}
