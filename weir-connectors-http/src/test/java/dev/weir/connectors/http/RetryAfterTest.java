package dev.weir.connectors.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2026-12-02T06:00:00Z");

    @Test
    void secondsAreReadAsAWait() {
        assertThat(RetryAfter.parse(" 120 ", NOW)).contains(Duration.ofSeconds(120));
    }

    @Test
    void anHttpDateIsTheWaitUntilIt() {
        assertThat(RetryAfter.parse("Wed, 02 Dec 2026 06:00:30 GMT", NOW)).contains(Duration.ofSeconds(30));
    }

    @Test
    void aDateInThePastMeansRetryNow() {
        assertThat(RetryAfter.parse("Wed, 02 Dec 2026 05:00:00 GMT", NOW)).contains(Duration.ZERO);
    }

    @Test
    void aValueOfNeitherFormIsIgnored() {
        assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
        assertThat(RetryAfter.parse("-5", NOW)).isEmpty();
    }
}
