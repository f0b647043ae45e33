package dev.weir.lakehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.apache.iceberg.PartitionData;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.util.DateTimeUtil;
import org.junit.jupiter.api.Test;

class PartitionValuesTest {
    private static final Schema SCHEMA = new Schema(
            Types.NestedField.optional(1, "region", Types.StringType.get()),
            Types.NestedField.optional(2, "day", Types.DateType.get()),
            Types.NestedField.optional(3, "at", Types.TimestampType.withoutZone()),
            Types.NestedField.optional(4, "price", Types.DecimalType.of(10, 2)));

    @Test
    void dayNumbersAndDatesFromEnginesBecomeIcebergDays() {
        PartitionSpec byDay = PartitionSpec.builderFor(SCHEMA).day("at").build();
        int jan2 = DateTimeUtil.daysFromDate(LocalDate.parse("2024-01-02"));

        assertThat(PartitionValues.of(byDay, List.of((long) jan2), "f").get(0, Integer.class))
                .isEqualTo(jan2);
        PartitionSpec byDate = PartitionSpec.builderFor(SCHEMA).identity("day").build();
        assertThat(PartitionValues.of(byDate, List.of(LocalDate.parse("2024-01-02")), "f")
                        .get(0, Integer.class))
                .isEqualTo(jan2);
    }

    @Test
    void identityValuesTakeTheColumnsRepresentation() {
        PartitionSpec spec = PartitionSpec.builderFor(SCHEMA)
                .identity("region")
                .identity("at")
                .identity("price")
                .build();
        LocalDateTime at = LocalDateTime.parse("2024-01-02T03:04:05");

        PartitionData data = PartitionValues.of(spec, List.of("eu", at, new BigDecimal("7.5")), "f");

        assertThat(data.get(0, String.class)).isEqualTo("eu");
        assertThat(data.get(1, Long.class)).isEqualTo(DateTimeUtil.microsFromTimestamp(at));
        assertThat(data.get(2, BigDecimal.class)).isEqualTo(new BigDecimal("7.50"));
    }

    @Test
    void nullIsTheNullPartition() {
        PartitionSpec spec = PartitionSpec.builderFor(SCHEMA).identity("region").build();

        assertThat(PartitionValues.of(spec, Arrays.asList((Object) null), "f").get(0, String.class))
                .isNull();
    }

    @Test
    void valueCountMustMatchThePartitionFields() {
        PartitionSpec spec = PartitionSpec.builderFor(SCHEMA).identity("region").build();

        assertThatThrownBy(() -> PartitionValues.of(spec, List.of(), "/wh/f.parquet"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Cannot add /wh/f.parquet: 0 partition values for 1 partition fields");
        assertThatThrownBy(() -> PartitionValues.of(PartitionSpec.unpartitioned(), List.of("eu"), "/wh/f.parquet"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void valuesOfAnotherTypeAreRefused() {
        PartitionSpec spec = PartitionSpec.builderFor(SCHEMA).day("at").build();

        assertThatThrownBy(() -> PartitionValues.of(spec, List.of("monday"), "/wh/f.parquet"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot add /wh/f.parquet: partition value monday (String) does not fit type date");
    }
}
