package dev.weir.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.spec.TableId;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TableReferencesTest {
    private final TableReferences references =
            new TableReferences(Set.of(TableId.parse("bronze.orders"), TableId.parse("silver.customers")));

    @Test
    void findsTablesOfKnownNamespacesIncludingUnknownTablesInOrderOfAppearance() {
        assertThat(references.find("select * from silver.customers c join bronze.orders o on o.id = c.id"
                        + " join bronze.refunds r using (id)"))
                .containsExactly(
                        TableId.parse("silver.customers"),
                        TableId.parse("bronze.orders"),
                        TableId.parse("bronze.refunds"));
    }

    @Test
    void matchesCaseInsensitivelyAndAcrossWhitespaceAroundTheDot() {
        assertThat(references.find("SELECT * FROM Bronze . ORDERS")).containsExactly(TableId.parse("bronze.orders"));
    }

    @Test
    void columnReferencesThroughAliasesAreNotTables() {
        assertThat(references.find("select o.order_id, c.name from source o join clean c on o.id = c.id"))
                .isEmpty();
    }

    @Test
    void stringLiteralsAndCommentsAreIgnored() {
        assertThat(references.find("""
                select 'bronze.orders' as s, 'it''s bronze.orders' as t -- from bronze.orders
                /* join silver.customers
                   on bronze.orders.id */ from source
                """)).isEmpty();
    }

    @Test
    void quotedIdentifiersAreSkippedWithoutEndingTheScan() {
        assertThat(references.find("select \"bronze.orders -- x\" from source join bronze.orders using (id)"))
                .containsExactly(TableId.parse("bronze.orders"));
    }

    @Test
    void nameInsideALongerDottedNameBelongsToAnotherCatalog() {
        assertThat(references.find("select * from lake.bronze.orders")).isEmpty();
    }

    @Test
    void columnQualifiedWithItsTableStillNamesTheTable() {
        assertThat(references.find("select bronze.orders.id from source"))
                .containsExactly(TableId.parse("bronze.orders"));
    }

    @Test
    void numbersAreNotNames() {
        assertThat(new TableReferences(Set.of(TableId.parse("x1.y"))).find("select 1.5, x1.y2 from t"))
                .containsExactly(TableId.parse("x1.y2"));
    }
}
