package dev.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class AgeConverterTest {
    private final AgeConverter ages = new AgeConverter();

    @Test
    void agesAreWrittenAsPeopleWriteThemOrInIso8601() {
        assertThat(ages.convert("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(ages.convert("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(ages.convert("12H")).isEqualTo(Duration.ofHours(12));
        assertThat(ages.convert("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(ages.convert("PT1H30M")).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void anythingElseIsRefusedSayingHowToWriteAnAge() {
        assertThatThrownBy(() -> ages.convert("a week"))
                .isInstanceOf(TypeConversionException.class)
                .hasMessage("'a week' is not an age: write it as 90s, 30m, 12h or 7d");
    }

    @Test
    void anAgeIsPrintedInTheShortestFormThatSaysItExactly() {
        assertThat(AgeConverter.format(Duration.ofDays(1))).isEqualTo("1d");
        assertThat(AgeConverter.format(Duration.ofHours(36))).isEqualTo("36h");
        assertThat(AgeConverter.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(AgeConverter.format(Duration.ZERO)).isEqualTo("0s");
    }
}
