package dev.weir.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.core.error.WeirException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FailPointsTest {
    @Test
    void pauseAtANamedPointInAnotherPipelineDoesNotPause() {
        FailPoints points = new FailPoints(Optional.of("after-extract@orders:pause=5000"));

        long start = System.nanoTime();
        points.reach(FailPoints.AFTER_EXTRACT, "customers");
        points.reach(FailPoints.AFTER_WRITE_BEFORE_COMMIT, "orders");

        assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
    }

    @Test
    void pauseAtTheArmedPointSleeps() {
        FailPoints points = new FailPoints(Optional.of("after-extract:pause=200"));

        long start = System.nanoTime();
        points.reach(FailPoints.AFTER_EXTRACT, "any");

        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(200_000_000L);
    }

    @Test
    void malformedSpecIsRefused() {
        assertThatThrownBy(() -> new FailPoints(Optional.of("after extract")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "Invalid fail point 'after extract': expected point[@pipeline][:pause=millis|:conflicts=n]");
    }

    @Test
    void conflictsFailTheFirstTimesAsATransientCommitConflictAndThenPass() {
        FailPoints points = new FailPoints(Optional.of("after-write-before-commit@orders:conflicts=2"));

        for (int i = 1; i <= 2; i++) {
            assertThatThrownBy(() -> points.reach(FailPoints.AFTER_WRITE_BEFORE_COMMIT, "orders"))
                    .isInstanceOfSatisfying(
                            WeirException.class,
                            e -> assertThat(e.code().isTransient()).isTrue())
                    .hasMessageStartingWith("Injected commit conflict " + i + " of 2");
        }
        points.reach(FailPoints.AFTER_WRITE_BEFORE_COMMIT, "orders");
        points.reach(FailPoints.AFTER_WRITE_BEFORE_COMMIT, "customers");
    }
}
