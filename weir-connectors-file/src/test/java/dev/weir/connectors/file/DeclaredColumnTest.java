package dev.weir.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeclaredColumnTest {
    @Test
    void anEnumKeepsItsValuesInOrderAndCaseAndIsStoredAsText() {
        DeclaredColumn status = DeclaredColumn.parse("status", "enum( 'placed','Shipped' , 'it''s') NOT NULL");

        assertThat(status.required()).isTrue();
        assertThat(status.type().kind()).isEqualTo(ColumnType.Kind.ENUM);
        assertThat(status.type().values()).containsExactly("placed", "Shipped", "it's");
        assertThat(status.type().icebergName()).isEqualTo("string");
        assertThat(status.type()).hasToString("ENUM('placed','Shipped','it''s')");
    }

    @Test
    void valuesThatDifferInCaseAreTwoValues() {
        assertThat(DeclaredColumn.parse("size", "ENUM('s','S')").type().values())
                .containsExactly("s", "S");
    }

    @Test
    void anEnumThatCannotBeReadSaysWhatIsWrong() {
        String form = "write ENUM('placed','shipped'): each value in single quotes, separated by commas, a quote"
                + " inside a value doubled ('it''s')";
        assertThat(problems(
                        "ENUM()",
                        "ENUM('a','a')",
                        "ENUM(placed, shipped)",
                        "ENUM('a',)",
                        "ENUM('a' 'b')",
                        "ENUM('a",
                        "ENUM('')",
                        "ENUM",
                        "ENUM('a') FORMAT 'x'"))
                .containsExactly(
                        "Invalid type 'ENUM()' of column 'status': an ENUM needs at least one value, such as"
                                + " ENUM('placed','shipped')",
                        "Invalid type 'ENUM('a','a')' of column 'status': 'a' is listed twice (values are"
                                + " case-sensitive: 'a' and 'A' are two values)",
                        "Cannot read the type 'ENUM(placed, shipped)' of column 'status': " + form,
                        "Cannot read the type 'ENUM('a',)' of column 'status': " + form,
                        "Cannot read the type 'ENUM('a' 'b')' of column 'status': " + form,
                        "Cannot read the type 'ENUM('a' of column 'status': " + form,
                        "Invalid type 'ENUM('')' of column 'status': an ENUM value cannot be empty (an empty field is"
                                + " NULL; declare the column without NOT NULL to allow it)",
                        "Cannot read the type 'ENUM' of column 'status': " + form,
                        "Column 'status' is ENUM('a'): FORMAT only applies to DATE, TIME, TIMESTAMP and TIMESTAMPTZ"
                                + " columns");
    }

    @Test
    void anUnknownTypeListsTheKnownOnesEnumIncluded() {
        assertThatThrownBy(() -> DeclaredColumn.parse("status", "SET('a')"))
                .hasMessageEndingWith("VARCHAR, UUID, ENUM('a','b')");
    }

    private static List<String> problems(String... declarations) {
        return java.util.Arrays.stream(declarations)
                .map(d -> {
                    try {
                        DeclaredColumn.parse("status", d);
                        return "no problem with " + d;
                    } catch (IllegalArgumentException e) {
                        return e.getMessage();
                    }
                })
                .toList();
    }
}
