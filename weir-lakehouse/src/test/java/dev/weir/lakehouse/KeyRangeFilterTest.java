package dev.weir.lakehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.Column;
import dev.weir.core.spi.KeyRange;
import dev.weir.core.spi.TableSchema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.expressions.Evaluator;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.util.DateTimeUtil;
import org.junit.jupiter.api.Test;

class KeyRangeFilterTest {
    private static final TableId TABLE = new TableId("shop", "t");

    @Test
    void timestamptzBoundsAsEnginesPrintThemSelectTheRowsInside() {
        String min = "2024-01-31 10:00:00+00";
        String max = "2024-01-31 12:00:00+01";

        assertThat(matches("timestamptz", min, max, micros("2024-01-31T10:30:00Z")))
                .isTrue();
        assertThat(matches("timestamptz", min, max, micros("2024-01-31T11:00:00Z")))
                .isTrue();
        assertThat(matches("timestamptz", min, max, micros("2024-01-31T11:00:01Z")))
                .isFalse();
        assertThat(matches("timestamptz", min, max, micros("2024-01-31T09:59:59Z")))
                .isFalse();
    }

    @Test
    void timestamptzWithoutOffsetIsUtc() {
        assertThat(matches(
                        "timestamptz", "2024-01-31T10:00:00", "2024-01-31T10:00:00Z", micros("2024-01-31T10:00:00Z")))
                .isTrue();
        assertThat(matches(
                        "timestamptz",
                        "2024-01-31T10:00:00",
                        "2024-01-31T10:00:00Z",
                        micros("2024-01-31T10:00:00+01:00")))
                .isFalse();
    }

    @Test
    void timestampBoundsAcceptSpaceOrT() {
        long inside = DateTimeUtil.microsFromTimestamp(LocalDateTime.parse("2024-01-31T10:00:00.25"));
        long after = DateTimeUtil.microsFromTimestamp(LocalDateTime.parse("2024-01-31T10:00:01"));

        assertThat(matches("timestamp", "2024-01-31 10:00:00", "2024-01-31T10:00:00.5", inside))
                .isTrue();
        assertThat(matches("timestamp", "2024-01-31 10:00:00", "2024-01-31T10:00:00.5", after))
                .isFalse();
    }

    @Test
    void decimalBoundsWithMoreDigitsRoundOutwardsSoNoMatchIsLost() {
        assertThat(matches("decimal(10,2)", "1.005", "2.001", new BigDecimal("1.01")))
                .isTrue();
        assertThat(matches("decimal(10,2)", "1.005", "2.001", new BigDecimal("2.01")))
                .isTrue();
        assertThat(matches("decimal(10,2)", "1.005", "2.001", new BigDecimal("2.02")))
                .isFalse();
        assertThat(matches("decimal(10,2)", "1.005", "2.001", new BigDecimal("0.99")))
                .isFalse();
    }

    @Test
    void longDateAndStringBoundsCompareAsTheirTypes() {
        assertThat(matches("long", "9", "10", 10L)).isTrue();
        assertThat(matches("long", "9", "10", 100L)).isFalse();
        int day = DateTimeUtil.daysFromDate(LocalDate.parse("2024-02-29"));
        assertThat(matches("date", "2024-02-01", "2024-02-29", day)).isTrue();
        assertThat(matches("date", "2024-03-01", "2024-03-31", day)).isFalse();
        assertThat(matches("string", "b", "c", "bz")).isTrue();
        assertThat(matches("string", "b", "c", "cz")).isFalse();
    }

    @Test
    void binaryKeysFilterNothing() {
        assertThat(filter("binary", "00", "ff")).isEqualTo(Expressions.alwaysTrue());
    }

    @Test
    void boundsThatAreNotValuesOfTheColumnAreRefused() {
        assertThatThrownBy(() -> filter("long", "abc", "def"))
                .isInstanceOfSatisfying(
                        WeirException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL))
                .hasMessage("Cannot read table shop.t by key range abc..def: not values of column k (long)");
    }

    @Test
    void rangeOverAMissingColumnIsRefused() {
        assertThatThrownBy(() -> KeyRangeFilter.of(TABLE, schema("long"), new KeyRange("other", "1", "2")))
                .isInstanceOf(WeirException.class)
                .hasMessage("Cannot read table shop.t by key range: it has no column other");
    }

    private static Expression filter(String type, String min, String max) {
        return KeyRangeFilter.of(TABLE, schema(type), new KeyRange("k", min, max));
    }

    /** Whether a row whose column {@code k} of {@code type} holds {@code value} passes the range filter. */
    private static boolean matches(String type, String min, String max, Object value) {
        return new Evaluator(IcebergLayouts.toSchema(TABLE, schema(type)).asStruct(), filter(type, min, max))
                .eval(new Row(value));
    }

    private static TableSchema schema(String type) {
        return new TableSchema(List.of(new Column(1, "k", type, false)));
    }

    private static long micros(String timestamptz) {
        return DateTimeUtil.microsFromTimestamptz(OffsetDateTime.parse(timestamptz));
    }

    /** One column holding a value in Iceberg's internal representation. */
    private record Row(Object value) implements StructLike {
        @Override
        public int size() {
            return 1;
        }

        @Override
        public <T> T get(int pos, Class<T> javaClass) {
            return javaClass.cast(value);
        }

        @Override
        public <T> void set(int pos, T value) {
            throw new UnsupportedOperationException("rows are read-only");
        }
    }
}
