package dev.weir.metastore;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TimestampTextTest {
    @Test
    void formatsUtcWithExactlyThreeFractionDigits() {
        assertThat(TimestampText.format(Instant.parse("2024-05-01T10:15:30Z"))).isEqualTo("2024-05-01T10:15:30.000Z");
        assertThat(TimestampText.format(Instant.parse("2024-05-01T10:15:30.1Z")))
                .isEqualTo("2024-05-01T10:15:30.100Z");
    }

    @Test
    void dropsPartsFinerThanAMillisecondWithoutRounding() {
        assertThat(TimestampText.format(Instant.parse("2024-05-01T10:15:30.123999999Z")))
                .isEqualTo("2024-05-01T10:15:30.123Z");
    }

    @Test
    void parsesWhatItFormats() {
        Instant instant = Instant.parse("1999-12-31T23:59:59.999Z");

        assertThat(TimestampText.parse(TimestampText.format(instant))).isEqualTo(instant);
    }

    @Test
    void textOrderIsTimeOrder() {
        List<Instant> inTimeOrder = Stream.of(
                        "2024-05-01T10:15:30Z",
                        "2024-05-01T10:15:30.001Z",
                        "2024-05-01T10:15:30.5Z",
                        "2024-05-01T10:15:31Z",
                        "2025-01-01T00:00:00Z")
                .map(Instant::parse)
                .toList();

        assertThat(inTimeOrder.stream().map(TimestampText::format).toList()).isSorted();
    }
}
