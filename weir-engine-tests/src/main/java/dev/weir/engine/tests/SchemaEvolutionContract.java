package dev.weir.engine.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.error.Location;
import dev.weir.core.spec.BreakingChangePolicy;
import dev.weir.core.spec.ContractColumn;
import dev.weir.core.spec.ContractSpec;
import dev.weir.core.spec.LoadSpec;
import dev.weir.core.spec.LoadStrategy;
import dev.weir.core.spec.MergeMode;
import dev.weir.core.spec.SlaSpec;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.Column;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A table's schema evolves under its files: reads match columns by field id, so an added column
 * reads NULL in older files, a renamed one keeps its data, a widened one reads old values in the
 * new type, and columns loaded in another order land in their own columns.
 */
abstract class SchemaEvolutionContract extends ContractTopic {
    SchemaEvolutionContract(ContractProject project) {
        super(project, "evolution");
    }

    private static ContractColumn promised(String name, String type, Optional<String> renamedFrom) {
        return new ContractColumn(
                name,
                type,
                true,
                "",
                "",
                false,
                renamedFrom,
                List.of(),
                Location.ofFile("contracts/" + name + ".yaml"));
    }

    private static ContractSpec contract(TableId table, List<ContractColumn> columns) {
        return new ContractSpec(
                Path.of("contracts/" + table.name() + ".yaml"),
                table.name(),
                "1",
                "data-team",
                List.of(),
                table,
                SlaSpec.NONE,
                columns,
                List.of(),
                BreakingChangePolicy.NOTIFY_30_DAYS,
                Optional.empty());
    }

    private List<String> columnNames(TableId table) {
        return state(table).layout().schema().names();
    }

    @Test
    void aColumnAddedLaterReadsNullInTheRowsLoadedBefore() {
        TableId table = table("added");
        load(append(table), "SELECT * FROM (VALUES (CAST(1 AS BIGINT), 'a'), (CAST(2 AS BIGINT), 'b')) AS t(id, name)");

        load(append(table), "SELECT * FROM (VALUES (CAST(3 AS BIGINT), 'c', 'c@example.org')) AS t(id, name, email)");

        assertThat(columnNames(table)).containsExactly("id", "name", "email");
        assertThat(read(table, "id, name, email", "id"))
                .containsExactly(row("1", "a", null), row("2", "b", null), row("3", "c", "c@example.org"));
    }

    @Test
    void aRenamedColumnKeepsItsData() {
        TableId table = table("renamed");
        load(
                append(table),
                "SELECT * FROM (VALUES (CAST(1 AS BIGINT), 'Zoë'), (CAST(2 AS BIGINT), '東京')) AS t(id, name)");
        ContractSpec renamed = contract(
                table,
                List.of(
                        promised("id", "BIGINT", Optional.empty()),
                        promised("customer_name", "VARCHAR", Optional.of("name"))));

        load(
                append(table),
                session.runStage("batch", "SELECT * FROM (VALUES (CAST(3 AS BIGINT), 'c')) AS t(id, customer_name)"),
                renamed);

        assertThat(columnNames(table)).containsExactly("id", "customer_name");
        assertThat(read(table, "id, customer_name", "id"))
                .containsExactly(row("1", "Zoë"), row("2", "東京"), row("3", "c"));
    }

    @Test
    void aWidenedColumnReadsTheOldValuesInItsNewType() {
        TableId table = table("widened");
        load(
                append(table),
                "SELECT * FROM (VALUES (CAST(1 AS BIGINT), CAST(2147483647 AS INTEGER))) AS t(id, quantity)");

        load(
                append(table),
                "SELECT * FROM (VALUES (CAST(2 AS BIGINT), CAST(2147483648 AS BIGINT))) AS t(id, quantity)");

        assertThat(state(table).layout().schema().column("quantity"))
                .map(Column::type)
                .hasValue("long");
        assertThat(read(table, "id, quantity", "id")).containsExactly(row("1", "2147483647"), row("2", "2147483648"));
    }

    @Test
    void columnsLoadedInAnotherOrderLandInTheirOwnColumns() {
        TableId table = table("reordered");
        load(append(table), "SELECT * FROM (VALUES (CAST(1 AS BIGINT), 'a', 'Paris')) AS t(id, name, city)");

        load(append(table), "SELECT * FROM (VALUES ('Lyon', CAST(2 AS BIGINT), 'b')) AS t(city, id, name)");

        assertThat(columnNames(table)).containsExactly("id", "name", "city");
        assertThat(read(table, "id, name, city", "id")).containsExactly(row("1", "a", "Paris"), row("2", "b", "Lyon"));
    }

    @Test
    void anUpsertAfterAColumnWasAddedReplacesRowsOfTheOlderFilesInBothModes() {
        for (MergeMode mode : MergeMode.values()) {
            TableId table = table("added_then_upserted_" + mode.name().toLowerCase(Locale.ROOT));
            LoadSpec upsert = load(table, LoadStrategy.UPSERT, List.of("id"), mode, Optional.empty(), Optional.empty());
            load(upsert, "SELECT * FROM (VALUES (CAST(1 AS BIGINT), 'a'), (CAST(2 AS BIGINT), 'b')) AS t(id, name)");

            load(upsert, "SELECT * FROM (VALUES (CAST(2 AS BIGINT), 'b2', 'b@example.org')) AS t(id, name, email)");

            assertThat(read(table, "id, name, email", "id"))
                    .as(mode.yamlName())
                    .containsExactly(row("1", "a", null), row("2", "b2", "b@example.org"));
        }
    }

    @Test
    void aRenamedMergeKeyStillMatchesTheRowsLoadedBeforeTheRename() {
        TableId table = table("renamed_key");
        LoadSpec upsert = load(
                table, LoadStrategy.UPSERT, List.of("id"), MergeMode.MERGE_ON_READ, Optional.empty(), Optional.empty());
        load(upsert, "SELECT * FROM (VALUES (CAST(1 AS BIGINT), 'a'), (CAST(2 AS BIGINT), 'b')) AS t(id, name)");
        ContractSpec renamed = contract(
                table,
                List.of(promised("id", "BIGINT", Optional.empty()), promised("label", "VARCHAR", Optional.of("name"))));

        load(
                upsert,
                session.runStage("batch", "SELECT * FROM (VALUES (CAST(2 AS BIGINT), 'b2')) AS t(id, label)"),
                renamed);

        assertThat(read(table, "id, label", "id")).containsExactly(row("1", "a"), row("2", "b2"));
    }
}
