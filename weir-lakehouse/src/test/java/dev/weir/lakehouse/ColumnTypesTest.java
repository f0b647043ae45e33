package dev.weir.lakehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

class ColumnTypesTest {
    @Test
    void everySupportedTypeNameRoundTrips() {
        List<String> names = List.of(
                "boolean",
                "int",
                "long",
                "float",
                "double",
                "decimal(38,10)",
                "date",
                "time",
                "timestamp",
                "timestamptz",
                "string",
                "uuid",
                "binary");

        for (String name : names) {
            assertThat(ColumnTypes.parse(name).flatMap(ColumnTypes::render))
                    .as(name)
                    .contains(name);
        }
    }

    @Test
    void namesAreReadCaseAndSpaceInsensitively() {
        assertThat(ColumnTypes.parse(" Decimal( 10, 2 ) ")).contains(Types.DecimalType.of(10, 2));
        assertThat(ColumnTypes.parse("TIMESTAMPTZ")).contains(Types.TimestampType.withZone());
    }

    @Test
    void unsupportedNamesAreRefused() {
        for (String name : List.of("varchar", "decimal(39,2)", "decimal(5,6)", "list<int>", "fixed[4]", "")) {
            assertThat(ColumnTypes.parse(name)).as(name).isEmpty();
        }
    }

    @Test
    void typesWeirCannotWriteHaveNoName() {
        assertThat(ColumnTypes.render(Types.ListType.ofOptional(1, Types.IntegerType.get())))
                .isEmpty();
        assertThat(ColumnTypes.render(Types.FixedType.ofLength(4))).isEmpty();
        assertThat(ColumnTypes.render(Types.TimestampNanoType.withZone())).isEmpty();
    }
}
