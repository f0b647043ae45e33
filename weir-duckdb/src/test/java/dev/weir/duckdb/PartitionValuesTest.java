package dev.weir.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.spec.PartitionField;
import dev.weir.core.spi.Column;
import org.junit.jupiter.api.Test;

/** Partition directory names as DuckDB 1.5 writes them (measured), read back as Iceberg partition values. */
class PartitionValuesTest {
    private static final PartitionField BY_NAME = PartitionField.parse("name");
    private static final Column NAME = new Column(1, "name", "string", false);

    @Test
    void percentEncodedTextIsDecodedAsUtf8() {
        assertThat(PartitionValues.parse("%E6%9D%B1%E4%BA%AC", BY_NAME, NAME)).isEqualTo("東京");
        assertThat(PartitionValues.parse("Zo%C3%AB", BY_NAME, NAME)).isEqualTo("Zoë");
        assertThat(PartitionValues.parse("%C3%A9%F0%9F%A6%86", BY_NAME, NAME)).isEqualTo("é🦆");
        assertThat(PartitionValues.parse("a%2Fb%20c", BY_NAME, NAME)).isEqualTo("a/b c");
        assertThat(PartitionValues.parse("a%2Bb", BY_NAME, NAME)).isEqualTo("a+b");
        assertThat(PartitionValues.parse("%2541", BY_NAME, NAME)).isEqualTo("%41");
        assertThat(PartitionValues.parse("~%2A%21%28%29%27", BY_NAME, NAME)).isEqualTo("~*!()'");
    }

    @Test
    void nullIsTheHiveDefaultPartitionAndTheTextNullIsText() {
        assertThat(PartitionValues.parse("__HIVE_DEFAULT_PARTITION__", BY_NAME, NAME))
                .isNull();
        assertThat(PartitionValues.parse("NULL", BY_NAME, NAME)).isEqualTo("NULL");
        assertThat(PartitionValues.parse("", BY_NAME, NAME)).isEqualTo("");
        assertThat(PartitionValues.parse(
                        "__HIVE_DEFAULT_PARTITION__",
                        PartitionField.parse("day(at)"),
                        new Column(1, "at", "timestamp", false)))
                .isNull();
    }

    @Test
    void transformedAndNumericValuesAreNumbers() {
        assertThat(PartitionValues.parse(
                        "19783", PartitionField.parse("day(at)"), new Column(1, "at", "timestamp", false)))
                .isEqualTo(19783);
        assertThat(PartitionValues.parse(
                        "-1", PartitionField.parse("hour(at)"), new Column(1, "at", "timestamp", false)))
                .isEqualTo(-1);
        assertThat(PartitionValues.parse("42", PartitionField.parse("n"), new Column(1, "n", "long", false)))
                .isEqualTo(42L);
    }
}
