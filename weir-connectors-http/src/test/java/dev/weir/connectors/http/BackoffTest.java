package dev.weir.connectors.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff =
            new Backoff(new RetrySettings(10, Duration.ofMillis(100), Duration.ofSeconds(1)), new Random(7));

    @Test
    void eachRetryWaitsBetweenHalfAndAllOfTheDoubledBaseDelay() {
        for (int retry = 1; retry <= 3; retry++) {
            long full = 100L << (retry - 1);
            for (int sample = 0; sample < 50; sample++) {
                assertThat(backoff.before(retry, Optional.empty()))
                        .isBetween(Duration.ofMillis(full / 2), Duration.ofMillis(full));
            }
        }
    }

    @Test
    void theDelayStopsGrowingAtTheMaximum() {
        assertThat(backoff.before(40, Optional.empty())).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
    }

    @Test
    void aRetryAfterReplacesTheBackoffUpToTheMaximum() {
        assertThat(backoff.before(1, Optional.of(Duration.ofMillis(700)))).isEqualTo(Duration.ofMillis(700));
        assertThat(backoff.before(1, Optional.of(Duration.ofHours(1)))).isEqualTo(Duration.ofSeconds(1));
    }
}
