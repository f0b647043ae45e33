package dev.weir.core.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.error.Location;
import dev.weir.core.spec.BreakingChangePolicy;
import dev.weir.core.spec.ContractColumn;
import dev.weir.core.spec.ContractSpec;
import dev.weir.core.spec.SlaSpec;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.Column;
import dev.weir.core.spi.TableSchema;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SchemaDriftTest {
    private static final Location AT = Location.ofFile("contracts/orders.yaml");

    private static final Map<String, String> SQL_TYPES =
            Map.of("BIGINT", "long", "INTEGER", "int", "VARCHAR", "string", "DECIMAL(10,2)", "decimal(10,2)");

    @Test
    void sameColumnsInAnotherOrderAreNoChange() {
        assertThat(SchemaDrift.againstTable(
                        schema("b:string", "a:long"), schema("a:long", "b:string"), "silver.t", Optional.empty()))
                .isEmpty();
    }

    @Test
    void newColumnIsAddedAndMissingColumnIsBreaking() {
        List<SchemaChange> changes = SchemaDrift.againstTable(
                schema("a:long", "c:date"), schema("a:long", "b:string"), "silver.t", Optional.empty());

        assertThat(changes)
                .extracting(SchemaChange::describe)
                .containsExactly(
                        "column 'c' is new (date) (against table silver.t)",
                        "column 'b' (string) is no longer loaded (against table silver.t)");
        assertThat(changes).extracting(SchemaChange::breaking).containsExactly(false, true);
    }

    @Test
    void widerTypesWidenNarrowerOnesLoadAsTheyAreAndOthersBreak() {
        List<SchemaChange> changes = SchemaDrift.againstTable(
                schema("a:long", "b:int", "c:decimal(12,2)", "d:string", "e:decimal(10,3)"),
                schema("a:int", "b:long", "c:decimal(10,2)", "d:long", "e:decimal(10,2)"),
                "silver.t",
                Optional.empty());

        assertThat(changes)
                .extracting(SchemaChange::kind, SchemaChange::column)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(SchemaChange.Kind.WIDENED, "a"),
                        org.assertj.core.groups.Tuple.tuple(SchemaChange.Kind.WIDENED, "c"),
                        org.assertj.core.groups.Tuple.tuple(SchemaChange.Kind.TYPE_CHANGED, "d"),
                        org.assertj.core.groups.Tuple.tuple(SchemaChange.Kind.TYPE_CHANGED, "e"));
        assertThat(changes.get(2).describe())
                .isEqualTo("column 'd' changes type from long to string (against table silver.t)");
    }

    @Test
    void renameIsRecognisedOnlyWhenTheContractMapsIt() {
        ContractSpec mapped = contract(new ContractColumn(
                "buyer_id", "BIGINT", true, "", "", false, Optional.of("customer_id"), List.of(), AT));

        assertThat(SchemaDrift.againstTable(
                        schema("buyer_id:long"), schema("customer_id:long"), "silver.t", Optional.of(mapped)))
                .extracting(SchemaChange::describe)
                .containsExactly("column 'customer_id' is renamed to 'buyer_id' (against table silver.t)");
        assertThat(SchemaDrift.againstTable(
                        schema("buyer_id:long"), schema("customer_id:long"), "silver.t", Optional.empty()))
                .extracting(SchemaChange::kind)
                .containsExactly(SchemaChange.Kind.ADDED, SchemaChange.Kind.REMOVED);
    }

    @Test
    void contractBreaksOnAMissingPromisedColumnOrATypeItDoesNotHoldAndReportsUndeclaredOnes() {
        ContractSpec contract = contract(
                new ContractColumn("id", "BIGINT", false, "", "", false, Optional.empty(), List.of(), AT),
                new ContractColumn("qty", "INTEGER", true, "", "", false, Optional.empty(), List.of(), AT),
                new ContractColumn("price", "DECIMAL(10,2)", true, "", "", false, Optional.empty(), List.of(), AT));

        List<SchemaChange> changes = SchemaDrift.againstContract(
                schema("id:int", "qty:long", "note:string"), contract, sql -> Optional.ofNullable(SQL_TYPES.get(sql)));

        assertThat(changes)
                .extracting(SchemaChange::describe)
                .containsExactly(
                        "column 'qty' changes type from int to long (against contract orders)",
                        "column 'price' (decimal(10,2)) is no longer loaded (against contract orders)",
                        "column 'note' is new (string) (against contract orders)");
        assertThat(changes).extracting(SchemaChange::breaking).containsExactly(true, true, false);
    }

    @Test
    void columnsWeirAddsItselfAreNoDriftFromAContractThatLeavesThemOut() {
        ContractSpec contract =
                contract(new ContractColumn("id", "BIGINT", false, "", "", false, Optional.empty(), List.of(), AT));

        List<SchemaChange> changes = SchemaDrift.againstContract(
                schema("id:long", "_weir_loaded_at:timestamptz", "_weir_run_id:string", "_deleted_at:timestamptz"),
                contract,
                sql -> Optional.ofNullable(SQL_TYPES.get(sql)));

        assertThat(changes).isEmpty();
    }

    private static TableSchema schema(String... columns) {
        return new TableSchema(Arrays.stream(columns)
                .map(c -> new Column(0, c.split(":")[0], c.split(":", 2)[1], false))
                .toList());
    }

    private static ContractSpec contract(ContractColumn... columns) {
        return new ContractSpec(
                Path.of("contracts/orders.yaml"),
                "orders",
                "1",
                "a",
                List.of(),
                new TableId("silver", "t"),
                SlaSpec.NONE,
                List.of(columns),
                List.of(),
                BreakingChangePolicy.NOTIFY_30_DAYS,
                Optional.empty());
    }
}
