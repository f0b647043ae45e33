package dev.weir.connectors.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.spi.Lookback;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class CursorTypeTest {
    @Test
    void theLowerBoundIsTheWatermarkLessTheLookbackInTheCursorsType() {
        Lookback tenMinutes = Lookback.parse("10m").orElseThrow();
        assertThat(CursorType.TIMESTAMP.lowerBound("2026-01-01T10:00:00.000001", tenMinutes, "c"))
                .isEqualTo(LocalDateTime.parse("2026-01-01T09:50:00.000001"));
        assertThat(CursorType.TIMESTAMPTZ.lowerBound("2026-01-01T10:00:00.5Z", tenMinutes, "c"))
                .isEqualTo(OffsetDateTime.parse("2026-01-01T09:50:00.5Z"));
        // a date goes back by whole days, at least as far as asked
        assertThat(CursorType.DATE.lowerBound("2026-01-10", tenMinutes, "c")).isEqualTo(LocalDate.parse("2026-01-09"));
        Lookback hundred = Lookback.parse("100.5").orElseThrow();
        assertThat(CursorType.INTEGER.lowerBound("1000", hundred, "c")).isEqualTo(899L);
        assertThat(CursorType.DECIMAL.lowerBound("1000.25", hundred, "c")).isEqualTo(new BigDecimal("899.75"));
    }

    @Test
    void aTimestampsTextKeepsEveryFractionalDigit() {
        assertThat(CursorType.TIMESTAMP.text(LocalDateTime.parse("2026-01-01T10:00:00.123456")))
                .isEqualTo("2026-01-01T10:00:00.123456");
        assertThat(CursorType.TIMESTAMP.text(LocalDateTime.parse("2026-01-01T10:00")))
                .isEqualTo("2026-01-01T10:00:00");
    }
}
