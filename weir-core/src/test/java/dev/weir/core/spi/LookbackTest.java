package dev.weir.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LookbackTest {
    @Test
    void timeSpansAreReadInShortAndIsoForms() {
        assertThat(Lookback.parse("10m").orElseThrow().span()).hasValue(Duration.ofMinutes(10));
        assertThat(Lookback.parse("2h").orElseThrow().span()).hasValue(Duration.ofHours(2));
        assertThat(Lookback.parse("1d").orElseThrow().span()).hasValue(Duration.ofDays(1));
        assertThat(Lookback.parse("500ms").orElseThrow().span()).hasValue(Duration.ofMillis(500));
        assertThat(Lookback.parse("PT90S").orElseThrow().span()).hasValue(Duration.ofSeconds(90));
        assertThat(Lookback.parse("0")).hasValue(Lookback.NONE);
        assertThat(Lookback.parse("ten minutes")).isEmpty();
        assertThat(Lookback.parse("-5")).isEmpty();
    }
}
