package dev.weir.core.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class CheckMeasurementTest {
    @Test
    void countsCannotBeNegative() {
        assertThatThrownBy(() -> new CheckMeasurement.RowViolations(-1, 3, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("failingRows is negative: -1");
        assertThatThrownBy(() -> new CheckMeasurement.Volume(3, OptionalLong.of(-2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("previousRows is negative: -2");
    }

    @Test
    void aNewestValueComesWithItsAge() {
        assertThatThrownBy(() -> new CheckMeasurement.Freshness(Optional.of("2024-03-01"), OptionalDouble.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("newest and ageHours go together");
    }

    @Test
    void aMoveOfAShareNeedsAPreviousState() {
        Optional<CheckMeasurement.ValueShare> move =
                Optional.of(new CheckMeasurement.ValueShare(Optional.of("paid"), 3));

        assertThatThrownBy(() -> new CheckMeasurement.Distribution(Optional.empty(), false, move))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("largestMove needs a previous state");
    }

    @Test
    void samplesAreCopied() {
        List<String> sample = new ArrayList<>(List.of("{\"id\":1}"));
        CheckMeasurement.Orphans orphans = new CheckMeasurement.Orphans(1, sample);
        sample.clear();

        assertThat(orphans.sample()).containsExactly("{\"id\":1}");
    }
}
