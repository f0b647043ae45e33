package dev.weir.engine.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.run.EngineContractLoads;
import dev.weir.core.spec.LoadSpec;
import dev.weir.core.spec.LoadStrategy;
import dev.weir.core.spec.MergeMode;
import dev.weir.core.spec.PartitionField;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.EngineSession;
import dev.weir.core.spi.RelationInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Newest-wins upserts and merges ({@code load.sequence_by}) in both merge modes: of the versions
 * of a key in a batch only the newest is written, and it replaces the table's row only when its
 * sequence value is greater; and the split of rows whose merge key is NULL, which dead-letter
 * quarantines.
 */
abstract class SequencedLoadContract extends ContractTopic {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "order_id, status, CAST(updated_at AS VARCHAR)";

    SequencedLoadContract(ContractProject project) {
        super(project, "sequenced");
    }

    /** A batch of order versions; each tuple is {@code id, 'status', 'yyyy-mm-dd hh:mm:ss'}. */
    private static String versions(String... tuples) {
        return "SELECT CAST(order_id AS BIGINT) AS order_id, CAST(status AS VARCHAR) AS status,"
                + " CAST(updated_at AS TIMESTAMP) AS updated_at FROM (VALUES (" + String.join("), (", tuples)
                + ")) AS t(order_id, status, updated_at)";
    }

    private static LoadSpec newestWins(TableId table, LoadStrategy strategy, MergeMode mode, Optional<String> delete) {
        return new LoadSpec(
                table,
                strategy,
                List.of("order_id"),
                mode,
                delete,
                Optional.empty(),
                List.of(),
                Optional.of("updated_at"));
    }

    private static LoadSpec upsert(TableId table, MergeMode mode) {
        return newestWins(table, LoadStrategy.UPSERT, mode, Optional.empty());
    }

    private TableId table(String name, MergeMode mode) {
        return table(name + "_" + mode.name().toLowerCase(Locale.ROOT));
    }

    private List<List<String>> orders(TableId table) {
        return read(table, COLUMNS, "order_id");
    }

    @ParameterizedTest
    @EnumSource(MergeMode.class)
    void withinABatchOnlyEachKeysNewestVersionIsWrittenAndIdenticalResentRowsCollapse(MergeMode mode) {
        TableId table = table("in_batch", mode);

        EngineContractLoads.Result loaded = load(
                upsert(table, mode),
                versions(
                        "1, 'placed', '2024-03-01 10:00:00'",
                        "1, 'shipped', '2024-03-01 12:00:00'",
                        "1, 'paid', '2024-03-01 11:00:00'",
                        "2, 'paid', '2024-03-01 10:00:00'",
                        "2, 'paid', '2024-03-01 10:00:00'",
                        "3, 'placed', '2024-03-01 09:00:00'"));

        assertThat(loaded.rowsWritten()).isEqualTo(3);
        assertThat(loaded.rowsSuperseded()).isEqualTo(3);
        assertThat(orders(table))
                .containsExactly(
                        row("1", "shipped", "2024-03-01 12:00:00"),
                        row("2", "paid", "2024-03-01 10:00:00"),
                        row("3", "placed", "2024-03-01 09:00:00"));
    }

    @ParameterizedTest
    @EnumSource(MergeMode.class)
    void aVersionOlderThanTheTablesRowIsNotWrittenAndANewerOneReplacesIt(MergeMode mode) {
        TableId table = table("against_table", mode);
        load(upsert(table, mode), versions("1, 'paid', '2024-03-01 10:00:00'", "2, 'paid', '2024-03-01 10:00:00'"));

        EngineContractLoads.Result late = load(
                upsert(table, mode),
                versions(
                        "1, 'placed', '2024-03-01 09:00:00'",
                        "2, 'shipped', '2024-03-01 11:00:00'",
                        "3, 'placed', '2024-03-01 08:00:00'"));

        assertThat(late.rowsWritten()).isEqualTo(2);
        assertThat(late.rowsSuperseded()).isEqualTo(1);
        assertThat(orders(table))
                .containsExactly(
                        row("1", "paid", "2024-03-01 10:00:00"),
                        row("2", "shipped", "2024-03-01 11:00:00"),
                        row("3", "placed", "2024-03-01 08:00:00"));
    }

    @ParameterizedTest
    @EnumSource(MergeMode.class)
    void aVersionWithTheTablesSequenceValueChangesNothingSoABatchSentAgainWritesNoFile(MergeMode mode) {
        TableId table = table("resent", mode);
        String batch = versions("1, 'paid', '2024-03-01 10:00:00'", "2, 'placed', '2024-03-01 10:00:00'");
        load(upsert(table, mode), batch);
        long before = state(table).snapshotId().getAsLong();

        EngineContractLoads.Result again = load(
                upsert(table, mode),
                versions("1, 'paid', '2024-03-01 10:00:00'", "2, 'cancelled', '2024-03-01 10:00:00'"));

        assertThat(again.snapshotId()).isEmpty();
        assertThat(again.rowsWritten()).isZero();
        assertThat(again.rowsSuperseded()).isEqualTo(2);
        assertThat(state(table).snapshotId()).hasValue(before);
        assertThat(orders(table))
                .containsExactly(row("1", "paid", "2024-03-01 10:00:00"), row("2", "placed", "2024-03-01 10:00:00"));
    }

    @ParameterizedTest
    @EnumSource(MergeMode.class)
    void batchesLoadedOneByOneLeaveTheSameTableAsAllOfThemAtOnce(MergeMode mode) {
        List<String> feed = List.of(
                "1, 'placed', '2024-03-01 10:00:00'",
                "2, 'placed', '2024-03-01 10:05:00'",
                "1, 'shipped', '2024-03-01 12:00:00'",
                "3, 'placed', '2024-03-01 10:10:00'",
                "1, 'paid', '2024-03-01 11:00:00'",
                "2, 'paid', '2024-03-01 10:30:00'",
                "2, 'placed', '2024-03-01 10:05:00'",
                "3, 'placed', '2024-03-01 10:10:00'",
                "2, 'cancelled', '2024-03-01 10:20:00'");
        TableId oneByOne = table("one_by_one", mode);
        TableId atOnce = table("at_once", mode);
        for (int i = 0; i < feed.size(); i += 3) {
            load(upsert(oneByOne, mode), versions(feed.subList(i, i + 3).toArray(String[]::new)));
        }

        EngineContractLoads.Result all = load(upsert(atOnce, mode), versions(feed.toArray(String[]::new)));

        assertThat(all.rowsSuperseded()).isEqualTo(6);
        assertThat(orders(atOnce))
                .containsExactly(
                        row("1", "shipped", "2024-03-01 12:00:00"),
                        row("2", "paid", "2024-03-01 10:30:00"),
                        row("3", "placed", "2024-03-01 10:10:00"))
                .isEqualTo(orders(oneByOne));
    }

    @ParameterizedTest
    @EnumSource(MergeMode.class)
    void aDeleteOlderThanTheTablesRowDeletesNothingAndANewerOneDeletesIt(MergeMode mode) {
        TableId table = table("merge_deletes", mode);
        LoadSpec merge = newestWins(table, LoadStrategy.MERGE, mode, Optional.of("status = 'cancelled'"));
        load(merge, versions("1, 'paid', '2024-03-01 10:00:00'", "2, 'paid', '2024-03-01 10:00:00'"));

        EngineContractLoads.Result merged =
                load(merge, versions("1, 'cancelled', '2024-03-01 09:00:00'", "2, 'cancelled', '2024-03-01 11:00:00'"));

        assertThat(merged.rowsSuperseded()).isEqualTo(1);
        assertThat(orders(table)).containsExactly(row("1", "paid", "2024-03-01 10:00:00"));
    }

    @ParameterizedTest
    @EnumSource(MergeMode.class)
    void aTableRowWithoutASequenceValueIsReplacedByAnyVersion(MergeMode mode) {
        TableId table = table("null_in_table", mode);
        load(
                new LoadSpec(
                        table,
                        LoadStrategy.UPSERT,
                        List.of("order_id"),
                        mode,
                        Optional.empty(),
                        Optional.empty(),
                        List.of(),
                        Optional.empty()),
                versions("1, 'paid', NULL", "2, 'paid', '2024-03-01 10:00:00'"));

        load(upsert(table, mode), versions("1, 'placed', '2000-01-01 00:00:00'", "2, 'placed', '2024-03-01 09:00:00'"));

        assertThat(orders(table))
                .containsExactly(row("1", "placed", "2000-01-01 00:00:00"), row("2", "paid", "2024-03-01 10:00:00"));
    }

    @Test
    void aPartitionedTableKeepsTheNewestVersionWhenALateOneBelongsToAnotherPartition() {
        TableId table = table("partitioned");
        LoadSpec upsert = new LoadSpec(
                table,
                LoadStrategy.UPSERT,
                List.of("order_id"),
                MergeMode.MERGE_ON_READ,
                Optional.empty(),
                Optional.of(PartitionField.parse("day(updated_at)")),
                List.of(),
                Optional.of("updated_at"));
        load(upsert, versions("1, 'shipped', '2024-03-02 10:00:00'"));

        EngineContractLoads.Result late = load(upsert, versions("1, 'placed', '2024-03-01 10:00:00'"));

        assertThat(late.rowsSuperseded()).isEqualTo(1);
        assertThat(orders(table)).containsExactly(row("1", "shipped", "2024-03-02 10:00:00"));
    }

    @Test
    void differentRowsTiedAtAKeysNewestSequenceValueAreRefused() {
        TableId table = table("tied");
        load(upsert(table, MergeMode.MERGE_ON_READ), versions("1, 'placed', '2024-03-01 09:00:00'"));

        assertThatThrownBy(() -> load(
                        upsert(table, MergeMode.MERGE_ON_READ),
                        versions(
                                "1, 'paid', '2024-03-01 10:00:00'",
                                "1, 'shipped', '2024-03-01 10:00:00'",
                                "1, 'placed', '2024-03-01 08:00:00'",
                                "2, 'paid', '2024-03-01 10:00:00'",
                                "2, 'paid', '2024-03-01 10:00:00'")))
                .isInstanceOfSatisfying(WeirException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.LOAD_REJECTED);
                    assertThat(e.getMessage())
                            .isEqualTo("Cannot upsert into sequenced.tied: 2 different rows of the batch share their"
                                    + " merge key [order_id] and its greatest sequence_by value (updated_at), so"
                                    + " neither is the newest");
                    assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("updated_at"));
                });
        assertThat(orders(table)).containsExactly(row("1", "placed", "2024-03-01 09:00:00"));
    }

    @Test
    void aBatchWithANullSequenceValueIsRefused() {
        TableId table = table("null_sequence");

        assertThatThrownBy(() -> load(
                        upsert(table, MergeMode.MERGE_ON_READ),
                        versions("1, 'paid', NULL", "2, 'paid', '2024-03-01 10:00:00'")))
                .isInstanceOfSatisfying(WeirException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.LOAD_REJECTED);
                    assertThat(e.getMessage())
                            .isEqualTo("Cannot upsert into sequenced.null_sequence: 1 rows of the batch have a NULL"
                                    + " sequence_by value (updated_at)");
                });
    }

    @Test
    void rowsWithANullInAnyOfTheColumnsAreSplitOffNamingTheNullColumns() {
        session.runStage(
                "lines",
                "SELECT CAST(order_id AS BIGINT) AS order_id, CAST(line_no AS INTEGER) AS line_no,"
                        + " CAST(status AS VARCHAR) AS status FROM (VALUES (1, 1, 'paid'), (NULL, 2, 'paid'),"
                        + " (2, NULL, NULL), (NULL, NULL, 'placed'), (3, 1, NULL)) AS t(order_id, line_no, status)");

        RelationInfo keyed =
                keyed().splitOnNulls("keyed", "no_key", "lines", List.of("order_id", "line_no"), "merge_key");

        assertThat(keyed.name()).isEqualTo("keyed");
        assertThat(keyed.rowCount()).isEqualTo(2);
        assertThat(keyed.schema().names()).containsExactly("order_id", "line_no", "status");
        assertThat(rows("SELECT order_id, line_no, status FROM keyed ORDER BY order_id"))
                .containsExactly(row("1", "1", "paid"), row("3", "1", null));
        assertThat(rows("SELECT order_id, line_no, " + quoted(EngineSession.REJECTED_CHECK) + ", "
                        + quoted(EngineSession.REJECTED_REASON) + " FROM no_key ORDER BY status NULLS LAST"))
                .containsExactly(
                        row(null, "2", "merge_key", "order_id is NULL"),
                        row(null, null, "merge_key", "order_id is NULL, line_no is NULL"),
                        row("2", null, "merge_key", "line_no is NULL"));
        assertThat(rows("SELECT status, " + quoted(EngineSession.REJECTED_RECORD) + " FROM no_key"))
                .allSatisfy(r -> assertThat(json(r.get(1)).path("status").asText(null))
                        .as("raw record %s", r.get(1))
                        .isEqualTo(r.get(0)));
    }

    private static String quoted(String column) {
        return "\"" + column + "\"";
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
