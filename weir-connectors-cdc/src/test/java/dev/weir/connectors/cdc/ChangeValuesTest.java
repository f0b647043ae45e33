package dev.weir.connectors.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;

class ChangeValuesTest {
    private static Schema named(String name) {
        return SchemaBuilder.int64().name(name).build();
    }

    @Test
    void debeziumTimeTypesBecomeTheirJavaValues() throws Exception {
        assertThat(ChangeValues.convert(
                        19_000,
                        SchemaBuilder.int32().name("io.debezium.time.Date").build(),
                        "date",
                        "d"))
                .isEqualTo(LocalDate.ofEpochDay(19_000));
        assertThat(ChangeValues.convert(3_723_000_004L, named("io.debezium.time.MicroTime"), "time", "t"))
                .isEqualTo(LocalTime.of(1, 2, 3, 4_000));
        assertThat(ChangeValues.convert(
                        1_709_287_200_123_456L, named("io.debezium.time.MicroTimestamp"), "timestamp", "ts"))
                .isEqualTo(LocalDateTime.of(2024, 3, 1, 10, 0, 0, 123_456_000));
        assertThat(ChangeValues.convert(1_709_287_200_123L, named("io.debezium.time.Timestamp"), "timestamp", "ts"))
                .isEqualTo(LocalDateTime.of(2024, 3, 1, 10, 0, 0, 123_000_000));
        assertThat(ChangeValues.convert("2024-03-01T11:00:00.5+01:00", Schema.STRING_SCHEMA, "timestamptz", "at"))
                .isEqualTo(OffsetDateTime.of(2024, 3, 1, 10, 0, 0, 500_000_000, ZoneOffset.UTC));
    }

    @Test
    void decimalsKeepTheirScaleAndNeverRound() throws Exception {
        assertThat(ChangeValues.convert("12.5", Schema.STRING_SCHEMA, "decimal(10,2)", "amount"))
                .isEqualTo(new BigDecimal("12.50"));
        assertThatThrownBy(() -> ChangeValues.convert("12.555", Schema.STRING_SCHEMA, "decimal(10,2)", "amount"))
                .isInstanceOfSatisfying(
                        ChangeValues.Unfit.class, u -> assertThat(u.reason()).isEqualTo("out_of_range"))
                .hasMessage("column 'amount': 12.555 has more than 2 decimals");
        assertThatThrownBy(() -> ChangeValues.convert("123456789.5", Schema.STRING_SCHEMA, "decimal(10,2)", "amount"))
                .hasMessage("column 'amount': 123456789.5 does not fit decimal(10,2)");
    }

    @Test
    void textualTypesAsAJdbcReadGivesThem() throws Exception {
        assertThat(ChangeValues.convert(
                        ByteBuffer.wrap(new byte[] {1, (byte) 0xab}), Schema.BYTES_SCHEMA, "string", "b"))
                .isEqualTo("01ab");
        assertThat(ChangeValues.convert(List.of("a", "b"), null, "string", "tags"))
                .isEqualTo("[\"a\",\"b\"]");
        UUID id = UUID.randomUUID();
        assertThat(ChangeValues.convert(id.toString(), Schema.STRING_SCHEMA, "uuid", "id"))
                .isEqualTo(id);
        assertThat(ChangeValues.convert((short) 7, Schema.INT16_SCHEMA, "int", "n"))
                .isEqualTo(7);
        assertThat(ChangeValues.convert(7, Schema.INT32_SCHEMA, "long", "widened"))
                .isEqualTo(7L);
    }

    @Test
    void anUnchangedToastedValueThatWasNotLoggedIsARejectNotAValue() {
        assertThatThrownBy(() -> ChangeValues.convert(ChangeValues.UNAVAILABLE, Schema.STRING_SCHEMA, "string", "bio"))
                .isInstanceOfSatisfying(
                        ChangeValues.Unfit.class, u -> assertThat(u.reason()).isEqualTo("unavailable_value"))
                .hasMessageContaining("REPLICA IDENTITY FULL");
        assertThatThrownBy(() -> ChangeValues.convert(
                        ByteBuffer.wrap(ChangeValues.UNAVAILABLE.getBytes(StandardCharsets.UTF_8)),
                        Schema.BYTES_SCHEMA,
                        "string",
                        "photo"))
                .isInstanceOf(ChangeValues.Unfit.class);
    }

    @Test
    void aValueOfTheWrongKindIsMalformed() {
        assertThatThrownBy(() -> ChangeValues.convert("soon", Schema.STRING_SCHEMA, "date", "born"))
                .isInstanceOfSatisfying(
                        ChangeValues.Unfit.class, u -> assertThat(u.reason()).isEqualTo("malformed_value"));
    }
}
