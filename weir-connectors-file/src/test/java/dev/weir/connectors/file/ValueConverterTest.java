package dev.weir.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ValueConverterTest {
    private final ValueConverter status =
            new ValueConverter(DeclaredColumn.parse("status", "ENUM('placed','shipped','returned') NOT NULL"));

    @Test
    void anEnumValueIsOneOfItsValuesExactly() throws ValueRejected {
        assertThat(status.convert("shipped")).isEqualTo("shipped");
    }

    @Test
    void anEnumValueInAnotherCaseOrWithBlanksIsAnUnknownEnumNamingTheValues() {
        for (String value : new String[] {"Shipped", " shipped", "lost"}) {
            assertThatThrownBy(() -> status.convert(value))
                    .isInstanceOfSatisfying(
                            ValueRejected.class, r -> assertThat(r.reason()).isEqualTo("unknown_enum"))
                    .hasMessage("column 'status': '" + value + "' is not one of placed, shipped, returned");
        }
    }

    @Test
    void anEmptyEnumValueIsNull() throws ValueRejected {
        ValueConverter optional = new ValueConverter(DeclaredColumn.parse("size", "ENUM('s','m')"));

        assertThat(optional.convert("")).isNull();
        assertThat(optional.convert(null)).isNull();
        assertThatThrownBy(() -> status.convert(""))
                .isInstanceOfSatisfying(
                        ValueRejected.class, r -> assertThat(r.reason()).isEqualTo("null_required"));
    }

    @Test
    void aLongEnumIsListedInPart() {
        StringBuilder values = new StringBuilder("ENUM(");
        for (int i = 1; i <= 15; i++) {
            values.append(i == 1 ? "" : ",").append("'v").append(i).append("'");
        }
        ValueConverter many = new ValueConverter(DeclaredColumn.parse("code", values + ")"));

        assertThatThrownBy(() -> many.convert("v16"))
                .hasMessage("column 'code': 'v16' is not one of v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12"
                        + " and 3 more");
    }
}
