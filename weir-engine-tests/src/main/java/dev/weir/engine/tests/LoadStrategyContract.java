package dev.weir.engine.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.run.EngineContractLoads;
import dev.weir.core.spec.LoadSpec;
import dev.weir.core.spec.LoadStrategy;
import dev.weir.core.spec.MergeMode;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.CommitKind;
import dev.weir.core.spi.DataFileRef;
import dev.weir.core.spi.TableCommit;
import dev.weir.core.spi.TableState;
import dev.weir.core.spi.WrittenFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every load strategy, as core's loader drives the engine, read back from the committed table. */
abstract class LoadStrategyContract extends ContractTopic {
    private static final String COLUMNS = "order_id, status, amount, order_date";

    LoadStrategyContract(ContractProject project) {
        super(project, "loads");
    }

    /** A batch of orders; each tuple is {@code id, 'status', 'amount', 'yyyy-mm-dd'}. */
    private static String orders(String... tuples) {
        String values = tuples.length == 0 ? "(0, 'none', '0', '2000-01-01')" : "(" + String.join("), (", tuples) + ")";
        return "SELECT CAST(order_id AS BIGINT) AS order_id, CAST(status AS VARCHAR) AS status, CAST(amount AS DECIMAL(10,2)) AS amount,"
                + " CAST(order_date AS DATE) AS order_date FROM (VALUES " + values
                + ") AS t(order_id, status, amount, order_date)"
                + (tuples.length == 0 ? " WHERE 1 = 0" : "");
    }

    private List<List<String>> orders(TableId table) {
        return read(table, COLUMNS, "order_id");
    }

    private static LoadSpec upsert(TableId table, MergeMode mode) {
        return load(table, LoadStrategy.UPSERT, List.of("order_id"), mode, Optional.empty(), Optional.empty());
    }

    private static LoadSpec merge(TableId table, MergeMode mode, String deleteWhen) {
        return load(table, LoadStrategy.MERGE, List.of("order_id"), mode, Optional.of(deleteWhen), Optional.empty());
    }

    @Test
    void appendAddsTheBatchToTheRowsAlreadyThere() {
        TableId table = table("append");
        load(append(table), orders("1, 'placed', '10.00', '2024-03-01'", "2, 'paid', '20.50', '2024-03-01'"));

        EngineContractLoads.Result second =
                load(append(table), orders("3, 'placed', '5.25', '2024-03-02'", "1, 'paid', '10.00', '2024-03-02'"));

        assertThat(second.kind()).isEqualTo(CommitKind.APPEND);
        assertThat(second.rowsWritten()).isEqualTo(2);
        assertThat(orders(table))
                .containsExactlyInAnyOrder(
                        row("1", "placed", "10.00", "2024-03-01"), row("1", "paid", "10.00", "2024-03-02"),
                        row("2", "paid", "20.50", "2024-03-01"), row("3", "placed", "5.25", "2024-03-02"));
    }

    @Test
    void aLoadOfNoRowsCommitsNothing() {
        TableId table = table("empty_batch");
        load(append(table), orders("1, 'placed', '10.00', '2024-03-01'"));
        long before = state(table).snapshotId().getAsLong();

        EngineContractLoads.Result empty = load(append(table), orders());

        assertThat(empty.snapshotId()).isEmpty();
        assertThat(state(table).snapshotId()).hasValue(before);
    }

    @Test
    void writtenFilesLieInTheTablesDataDirectoryAndCountTheirRows() {
        TableId table = table("files");
        load(append(table), orders("1, 'placed', '10.00', '2024-03-01'", "2, 'paid', '20.50', '2024-03-01'"));

        List<DataFileRef> files = dataFiles(table);

        assertThat(files)
                .isNotEmpty()
                .allSatisfy(f -> assertThat(Path.of(f.path()))
                        .startsWith(state(table).dataDir())
                        .exists());
        assertThat(files.stream().mapToLong(DataFileRef::recordCount).sum()).isEqualTo(2);
    }

    @Test
    void upsertMergeOnReadMarksReplacedRowsWithPositionDeletesNextToTheirFile() {
        TableId table = table("upsert_mor");
        load(
                upsert(table, MergeMode.MERGE_ON_READ),
                orders(
                        "1, 'placed', '10.00', '2024-03-01'",
                        "2, 'placed', '20.00', '2024-03-01'",
                        "3, 'placed', '30.00', '2024-03-01'"));

        EngineContractLoads.Result changed = load(
                upsert(table, MergeMode.MERGE_ON_READ),
                orders("2, 'paid', '21.00', '2024-03-02'", "4, 'placed', '40.00', '2024-03-02'"));

        assertThat(changed.kind()).isEqualTo(CommitKind.ROW_DELTA);
        assertThat(changed.rowsDeleted()).isEqualTo(1);
        assertThat(changed.deleteFilesAdded()).isEqualTo(1);
        assertThat(orders(table))
                .containsExactly(
                        row("1", "placed", "10.00", "2024-03-01"),
                        row("2", "paid", "21.00", "2024-03-02"),
                        row("3", "placed", "30.00", "2024-03-01"),
                        row("4", "placed", "40.00", "2024-03-02"));
        DataFileRef first = dataFiles(table).stream()
                .filter(DataFileRef::hasDeletes)
                .findFirst()
                .orElseThrow();
        assertThat(first.positionDeletes())
                .singleElement()
                .satisfies(delete -> assertThat(Path.of(delete).getParent())
                        .isEqualTo(Path.of(first.path()).getParent()));
    }

    @Test
    void upsertMergeOnReadAgainAndAgainLeavesOneRowPerKeyAndOneDeleteFilePerDataFile() {
        TableId table = table("upsert_mor_repeated");
        LoadSpec upsert = upsert(table, MergeMode.MERGE_ON_READ);
        load(
                upsert,
                orders(
                        "1, 'placed', '10.00', '2024-03-01'",
                        "2, 'placed', '20.00', '2024-03-01'",
                        "3, 'placed', '30.00', '2024-03-01'"));
        load(upsert, orders("2, 'paid', '21.00', '2024-03-02'"));

        EngineContractLoads.Result third =
                load(upsert, orders("1, 'paid', '11.00', '2024-03-03'", "2, 'shipped', '22.00', '2024-03-03'"));

        assertThat(third.rowsDeleted()).isEqualTo(2);
        assertThat(orders(table))
                .containsExactly(
                        row("1", "paid", "11.00", "2024-03-03"),
                        row("2", "shipped", "22.00", "2024-03-03"),
                        row("3", "placed", "30.00", "2024-03-01"));
        assertThat(dataFiles(table))
                .allSatisfy(f -> assertThat(f.positionDeletes()).hasSizeLessThanOrEqualTo(1));
    }

    @Test
    void upsertOfUnchangedKeysIntoAnExistingTableWritesTheRowsAgainInBothModes() {
        for (MergeMode mode : MergeMode.values()) {
            TableId table = table("upsert_same_" + mode.name().toLowerCase(Locale.ROOT));
            load(upsert(table, mode), orders("1, 'placed', '10.00', '2024-03-01'"));

            load(upsert(table, mode), orders("1, 'placed', '10.00', '2024-03-01'"));

            assertThat(orders(table)).as(mode.yamlName()).containsExactly(row("1", "placed", "10.00", "2024-03-01"));
        }
    }

    @Test
    void upsertCopyOnWriteRewritesOnlyTheFilesHoldingAChangedKey() {
        TableId table = table("upsert_cow");
        LoadSpec upsert = upsert(table, MergeMode.COPY_ON_WRITE);
        load(upsert, orders("1, 'placed', '10.00', '2024-03-01'", "2, 'placed', '20.00', '2024-03-01'"));
        load(upsert, orders("3, 'placed', '30.00', '2024-03-02'", "4, 'placed', '40.00', '2024-03-02'"));

        EngineContractLoads.Result changed = load(upsert, orders("3, 'paid', '31.00', '2024-03-03'"));

        assertThat(changed.kind()).isEqualTo(CommitKind.OVERWRITE);
        assertThat(changed.filesRewritten()).isEqualTo(1);
        assertThat(orders(table))
                .containsExactly(
                        row("1", "placed", "10.00", "2024-03-01"),
                        row("2", "placed", "20.00", "2024-03-01"),
                        row("3", "paid", "31.00", "2024-03-03"),
                        row("4", "placed", "40.00", "2024-03-02"));
        assertThat(dataFiles(table)).noneMatch(DataFileRef::hasDeletes);
    }

    @Test
    void copyOnWriteAfterMergeOnReadSeesOnlyLiveRows() {
        TableId table = table("mixed_modes");
        load(
                upsert(table, MergeMode.MERGE_ON_READ),
                orders("1, 'placed', '10.00', '2024-03-01'", "2, 'placed', '20.00', '2024-03-01'"));
        load(upsert(table, MergeMode.MERGE_ON_READ), orders("2, 'paid', '21.00', '2024-03-02'"));

        EngineContractLoads.Result cow =
                load(upsert(table, MergeMode.COPY_ON_WRITE), orders("2, 'shipped', '22.00', '2024-03-03'"));

        assertThat(cow.filesRewritten())
                .as("only the file holding the live row of key 2")
                .isEqualTo(1);
        assertThat(orders(table))
                .containsExactly(row("1", "placed", "10.00", "2024-03-01"), row("2", "shipped", "22.00", "2024-03-03"));
    }

    @ParameterizedTest
    @EnumSource(MergeMode.class)
    void mergeDeletesTheRowsItsDeleteConditionMatchesAndUpsertsTheOthers(MergeMode mode) {
        TableId table = table("merge_" + mode.name().toLowerCase(Locale.ROOT));
        load(
                upsert(table, mode),
                orders(
                        "1, 'placed', '10.00', '2024-03-01'",
                        "2, 'placed', '20.00', '2024-03-01'",
                        "3, 'placed', '30.00', '2024-03-01'"));

        EngineContractLoads.Result merged = load(
                merge(table, mode, "status = 'cancelled'"),
                orders(
                        "1, 'cancelled', '10.00', '2024-03-02'",
                        "2, 'paid', '21.00', '2024-03-02'",
                        "5, 'cancelled', '50.00', '2024-03-02'"));

        assertThat(merged.rowsWritten())
                .as("rows written, without the deleted ones")
                .isEqualTo(1);
        assertThat(orders(table))
                .containsExactly(row("2", "paid", "21.00", "2024-03-02"), row("3", "placed", "30.00", "2024-03-01"));
    }

    @Test
    void upsertRefusesABatchWithDuplicateOrNullMergeKeys() {
        TableId table = table("upsert_refused");
        load(upsert(table, MergeMode.MERGE_ON_READ), orders("1, 'placed', '10.00', '2024-03-01'"));

        assertThatThrownBy(() -> load(
                        upsert(table, MergeMode.MERGE_ON_READ),
                        orders(
                                "1, 'paid', '10.00', '2024-03-02'",
                                "1, 'shipped', '10.00', '2024-03-03'",
                                "2, 'placed', '1.00', '2024-03-03'")))
                .isInstanceOfSatisfying(WeirException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.LOAD_REJECTED);
                    assertThat(e.getMessage()).contains("2 rows of the batch share their merge key");
                });
        assertThatThrownBy(() ->
                        load(upsert(table, MergeMode.MERGE_ON_READ), orders("NULL, 'paid', '10.00', '2024-03-02'")))
                .isInstanceOfSatisfying(WeirException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.LOAD_REJECTED);
                    assertThat(e.getMessage()).contains("1 rows of the batch have a NULL merge key");
                });
        assertThat(orders(table)).containsExactly(row("1", "placed", "10.00", "2024-03-01"));
    }

    @Test
    void truncateReloadReplacesEveryRow() {
        TableId table = table("truncate_reload");
        LoadSpec reload = load(
                table,
                LoadStrategy.TRUNCATE_RELOAD,
                List.of(),
                MergeMode.MERGE_ON_READ,
                Optional.empty(),
                Optional.empty());
        load(reload, orders("1, 'placed', '10.00', '2024-03-01'", "2, 'placed', '20.00', '2024-03-01'"));

        EngineContractLoads.Result second = load(reload, orders("3, 'paid', '30.00', '2024-03-02'"));

        assertThat(second.kind()).isEqualTo(CommitKind.REPLACE_ALL);
        assertThat(orders(table)).containsExactly(row("3", "paid", "30.00", "2024-03-02"));
    }

    @Test
    void partitionSwapReplacesOnlyTheDaysTheBatchHolds() {
        TableId table = table("swap_by_day");
        LoadSpec swap = load(
                table,
                LoadStrategy.PARTITION_SWAP,
                List.of(),
                MergeMode.MERGE_ON_READ,
                Optional.empty(),
                Optional.of("day(order_date)"));
        load(
                swap,
                orders(
                        "1, 'placed', '10.00', '2024-03-01'",
                        "2, 'placed', '20.00', '2024-03-01'",
                        "3, 'placed', '30.00', '2024-03-02'"));

        EngineContractLoads.Result second =
                load(swap, orders("4, 'paid', '40.00', '2024-03-02'", "5, 'paid', '50.00', '2024-03-03'"));

        assertThat(second.kind()).isEqualTo(CommitKind.REPLACE_PARTITIONS);
        assertThat(orders(table))
                .containsExactly(
                        row("1", "placed", "10.00", "2024-03-01"),
                        row("2", "placed", "20.00", "2024-03-01"),
                        row("4", "paid", "40.00", "2024-03-02"),
                        row("5", "paid", "50.00", "2024-03-03"));
    }

    @Test
    void rowsWithANullPartitionValueLoadIntoTheNullPartitionAndAreSwappedAsOne() {
        TableId table = table("swap_null_day");
        LoadSpec swap = load(
                table,
                LoadStrategy.PARTITION_SWAP,
                List.of(),
                MergeMode.MERGE_ON_READ,
                Optional.empty(),
                Optional.of("day(order_date)"));
        load(swap, orders("1, 'placed', '10.00', '2024-03-01'", "2, 'placed', '20.00', NULL"));

        load(swap, orders("3, 'paid', '30.00', NULL"));

        assertThat(orders(table))
                .containsExactly(row("1", "placed", "10.00", "2024-03-01"), row("3", "paid", "30.00", null));
    }

    @Test
    void partitionSwapOnAnIdentityPartitionOfTextReplacesOnlyItsValues() {
        TableId table = table("swap_by_status");
        LoadSpec swap = load(
                table,
                LoadStrategy.PARTITION_SWAP,
                List.of(),
                MergeMode.MERGE_ON_READ,
                Optional.empty(),
                Optional.of("status"));
        load(swap, orders("1, 'placed', '10.00', '2024-03-01'", "2, 'paid', '20.00', '2024-03-01'"));

        load(swap, orders("3, 'paid', '30.00', '2024-03-02'"));

        assertThat(orders(table))
                .containsExactly(row("1", "placed", "10.00", "2024-03-01"), row("3", "paid", "30.00", "2024-03-02"));
    }

    @Test
    void upsertIntoAPartitionedTableKeepsEachDeleteFileInItsDataFilesPartition() {
        TableId table = table("upsert_partitioned");
        LoadSpec upsert = load(
                table,
                LoadStrategy.UPSERT,
                List.of("order_id"),
                MergeMode.MERGE_ON_READ,
                Optional.empty(),
                Optional.of("month(order_date)"));
        load(upsert, orders("1, 'placed', '10.00', '2024-03-01'", "2, 'placed', '20.00', '2024-04-01'"));

        load(upsert, orders("1, 'paid', '11.00', '2024-03-05'", "2, 'paid', '21.00', '2024-04-05'"));

        assertThat(orders(table))
                .containsExactly(row("1", "paid", "11.00", "2024-03-05"), row("2", "paid", "21.00", "2024-04-05"));
        assertThat(dataFiles(table).stream().filter(DataFileRef::hasDeletes).toList())
                .hasSize(2)
                .allSatisfy(f -> assertThat(Path.of(f.positionDeletes().get(0)).getParent())
                        .isEqualTo(Path.of(f.path()).getParent()));
    }

    @Test
    void aRewriteOfFilesWithDeletesKeepsTheirLiveRowsOnly() {
        TableId table = table("compaction");
        load(
                upsert(table, MergeMode.MERGE_ON_READ),
                orders("1, 'placed', '10.00', '2024-03-01'", "2, 'placed', '20.00', '2024-03-01'"));
        load(upsert(table, MergeMode.MERGE_ON_READ), orders("2, 'paid', '21.00', '2024-03-02'"));
        TableState state = state(table);
        List<DataFileRef> withDeletes =
                dataFiles(table).stream().filter(DataFileRef::hasDeletes).toList();

        List<WrittenFile> rewritten = keyed().rewrite(withDeletes, state, "loads-compaction");
        project.store()
                .commit(new TableCommit(
                        table,
                        state.snapshotId(),
                        CommitKind.REWRITE,
                        rewritten,
                        withDeletes,
                        Map.of(TableCommit.RUN_ID, "loads-compaction")));

        assertThat(rewritten.stream().mapToLong(WrittenFile::recordCount).sum()).isEqualTo(1);
        assertThat(dataFiles(table)).noneMatch(DataFileRef::hasDeletes);
        assertThat(orders(table))
                .containsExactly(row("1", "placed", "10.00", "2024-03-01"), row("2", "paid", "21.00", "2024-03-02"));
    }
}
