package dev.weir.engine.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.run.EngineContractLoads;
import dev.weir.core.spec.LoadSpec;
import dev.weir.core.spec.LoadStrategy;
import dev.weir.core.spec.MergeMode;
import dev.weir.core.spec.TableId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Type 2 history loads ({@code load.strategy: scd2}) in both merge modes: every change of a key is
 * a version valid from its {@code sequence_by} time to the next one's; a version that arrives late
 * lands in its place, even between two equal versions folded into one; a batch sent again changes
 * nothing.
 */
abstract class HistoryLoadContract extends ContractTopic {
    private static final String COLUMNS = "customer_id, tier, CAST(updated_at AS VARCHAR), CAST(valid_to AS VARCHAR),"
            + " CAST(is_current AS VARCHAR), CAST(valid_from = updated_at AS VARCHAR)";
    private static final String OPEN_END = "9999-12-31 00:00:00";

    HistoryLoadContract(ContractProject project) {
        super(project, "history");
    }

    /** A batch of customer versions; each tuple is {@code id, 'tier', 'yyyy-mm-dd hh:mm:ss'}. */
    private static String versions(String... tuples) {
        return "SELECT CAST(customer_id AS BIGINT) AS customer_id, CAST(tier AS VARCHAR) AS tier,"
                + " CAST(updated_at AS TIMESTAMP) AS updated_at FROM (VALUES (" + String.join("), (", tuples)
                + ")) AS t(customer_id, tier, updated_at)";
    }

    private static LoadSpec scd2(TableId table, MergeMode mode) {
        return new LoadSpec(
                table,
                LoadStrategy.SCD2,
                List.of("customer_id"),
                mode,
                Optional.empty(),
                Optional.empty(),
                List.of(),
                Optional.of("updated_at"),
                List.of(),
                List.of());
    }

    private TableId table(String name, MergeMode mode) {
        return table(name + "_" + mode.name().toLowerCase(Locale.ROOT));
    }

    private List<List<String>> history(TableId table) {
        return read(table, COLUMNS, "customer_id, valid_from").stream()
                .peek(row -> assertThat(row.get(5))
                        .as("valid_from is the version's sequence_by value")
                        .isEqualTo("true"))
                .map(row -> row.subList(0, 5))
                .toList();
    }

    @ParameterizedTest
    @EnumSource(MergeMode.class)
    void eachChangeIsAVersionValidUntilTheNextAndOnlyTheLastIsCurrent(MergeMode mode) {
        TableId table = table("changes", mode);

        load(
                scd2(table, mode),
                versions(
                        "1, 'gold', '2024-01-01 00:00:00'",
                        "1, 'gold', '2024-01-15 00:00:00'",
                        "1, 'silver', '2024-02-01 00:00:00'",
                        "2, 'bronze', '2024-01-10 00:00:00'"));

        assertThat(history(table))
                .containsExactly(
                        row("1", "gold", "2024-01-01 00:00:00", "2024-02-01 00:00:00", "false"),
                        row("1", "silver", "2024-02-01 00:00:00", OPEN_END, "true"),
                        row("2", "bronze", "2024-01-10 00:00:00", OPEN_END, "true"));
    }

    @ParameterizedTest
    @EnumSource(MergeMode.class)
    void aLateVersionLandsInItsPlaceAndNeverBecomesCurrent(MergeMode mode) {
        TableId table = table("late", mode);
        load(scd2(table, mode), versions("1, 'gold', '2024-01-01 00:00:00'", "1, 'gold', '2024-03-01 00:00:00'"));
        load(scd2(table, mode), versions("2, 'bronze', '2024-01-10 00:00:00'"));

        EngineContractLoads.Result late = load(scd2(table, mode), versions("1, 'silver', '2024-02-01 00:00:00'"));

        assertThat(late.rowsWritten())
                .as("the whole history of the one key it changes")
                .isEqualTo(3);
        assertThat(history(table))
                .containsExactly(
                        row("1", "gold", "2024-01-01 00:00:00", "2024-02-01 00:00:00", "false"),
                        row("1", "silver", "2024-02-01 00:00:00", "2024-03-01 00:00:00", "false"),
                        row("1", "gold", "2024-03-01 00:00:00", OPEN_END, "true"),
                        row("2", "bronze", "2024-01-10 00:00:00", OPEN_END, "true"));
    }

    @ParameterizedTest
    @EnumSource(MergeMode.class)
    void aBatchSentAgainChangesNothingAndCommitsNothing(MergeMode mode) {
        TableId table = table("again", mode);
        String batch = versions("1, 'gold', '2024-01-01 00:00:00'", "1, 'silver', '2024-02-01 00:00:00'");
        load(scd2(table, mode), batch);
        List<List<String>> before = history(table);

        EngineContractLoads.Result again = load(scd2(table, mode), batch);

        assertThat(again.snapshotId()).isEmpty();
        assertThat(again.rowsWritten()).isZero();
        assertThat(history(table)).isEqualTo(before);
    }
}
