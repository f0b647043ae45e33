package dev.weir.connectors.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.spi.Lookback;
import org.junit.jupiter.api.Test;

class BookmarkLookbackTest {
    private static BookmarkLookback of(String lookback, String type) {
        return new BookmarkLookback(
                Lookback.parse(lookback).orElseThrow(),
                BookmarkLookback.kindOf(type).orElseThrow());
    }

    @Test
    void aTimeBookmarkGoesBackBySpanInTheFormWeirPrintsIt() {
        assertThat(of("10m", "timestamp").lower("2024-01-05 10:00:00")).isEqualTo("2024-01-05 09:50:00");
        assertThat(of("1s", "timestamp").lower("2024-01-05 10:00:00.123456")).isEqualTo("2024-01-05 09:59:59.123456");
        assertThat(of("2h", "timestamptz").lower("2024-01-05 10:00:00+00")).isEqualTo("2024-01-05 08:00:00+00");
        // a date goes back by whole days, at least as far as asked
        assertThat(of("36h", "date").lower("2024-01-05")).isEqualTo("2024-01-03");
    }

    @Test
    void aNumericBookmarkGoesBackByTheAmountAndAnIntegerOneRoundsDown() {
        assertThat(of("100", "long").lower("1000")).isEqualTo("900");
        assertThat(of("0.5", "bigint").lower("10")).isEqualTo("9");
        assertThat(of("0.25", "decimal(10,2)").lower("10.00")).isEqualTo("9.75");
    }

    @Test
    void aLookbackFitsOnlyItsKindOfKey() {
        assertThat(of("10m", "timestamp").fits()).isTrue();
        assertThat(of("10m", "long").fits()).isFalse();
        assertThat(of("100", "timestamp").fits()).isFalse();
        assertThat(of("0", "timestamp").fits()).isTrue();
        assertThat(BookmarkLookback.kindOf("string")).isEmpty();
    }
}
