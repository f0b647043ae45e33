package dev.weir.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.quality.CheckPhase;
import dev.weir.core.quality.CheckResult;
import dev.weir.core.quality.CheckStatus;
import dev.weir.core.spec.Severity;
import dev.weir.core.spi.RunStatus;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FailureTriageTest {
    private static FailureClass failedWith(String message) {
        return FailureTriage.classify(RunStatus.FAILED, "extract", Optional.empty(), Optional.of(message), List.of());
    }

    @Test
    void aSuccessfulOrRunningRunIsNotFailed() {
        assertThat(FailureTriage.classify(RunStatus.SUCCESS, "done", Optional.empty(), Optional.empty(), List.of()))
                .isEqualTo(FailureClass.NOT_FAILED);
        assertThat(FailureTriage.classify(RunStatus.RUNNING, "load", Optional.empty(), Optional.empty(), List.of()))
                .isEqualTo(FailureClass.NOT_FAILED);
    }

    @Test
    void theErrorCodeDecidesBeforeTheMessage() {
        assertThat(FailureTriage.classify(
                        RunStatus.FAILED,
                        "schema",
                        Optional.of(ErrorCode.SCHEMA_DRIFT),
                        Optional.of("Cannot read b.csv: gone"),
                        List.of()))
                .isEqualTo(FailureClass.SCHEMA_MISMATCH);
        assertThat(FailureTriage.classify(
                        RunStatus.FAILED,
                        "extract",
                        Optional.of(ErrorCode.SOURCE_UNAVAILABLE),
                        Optional.empty(),
                        List.of()))
                .isEqualTo(FailureClass.CONNECTION);
    }

    @Test
    void weirsOwnMessagesFindTheirBranch() {
        assertThat(failedWith("Cannot connect to 'duck': no JDBC driver accepts its URL"))
                .isEqualTo(FailureClass.CONNECTION);
        assertThat(failedWith("Cannot read b.csv: gone")).isEqualTo(FailureClass.CONNECTION);
        assertThat(failedWith("orders: no complete response within the read timeout after 2 tries"
                        + " (extract.retry.max_retries: 1)"))
                .isEqualTo(FailureClass.CONNECTION);
        assertThat(failedWith("Cannot connect to 'pg' (connections/pg.yaml): FATAL: password authentication"
                        + " failed for user \"weir\""))
                .isEqualTo(FailureClass.PERMISSION);
        assertThat(failedWith("GET https://api.example.com/orders: HTTP 401")).isEqualTo(FailureClass.PERMISSION);
        assertThat(failedWith("run failed, nothing was published: Quality gate pre_load failed"))
                .isEqualTo(FailureClass.QUALITY);
        assertThat(failedWith("Cannot scd2 into silver.customers: 2 different rows of the batch share their merge key"))
                .isEqualTo(FailureClass.DUPLICATE_KEY);
        assertThat(failedWith("java.lang.OutOfMemoryError: Java heap space")).isEqualTo(FailureClass.OUT_OF_MEMORY);
        assertThat(failedWith("query timed out after 600 s")).isEqualTo(FailureClass.TIMEOUT);
    }

    @Test
    void theStageAndTheFailedChecksDecideWhenTheMessageDoesNot() {
        assertThat(FailureTriage.classify(
                        RunStatus.FAILED, "schema", Optional.empty(), Optional.of("orders changed"), List.of()))
                .isEqualTo(FailureClass.SCHEMA_MISMATCH);
        CheckResult failedGate = new CheckResult(
                "r1",
                "not_null(order_id)",
                "not_null",
                CheckPhase.PRE_LOAD,
                Severity.P0,
                CheckStatus.FAILED,
                true,
                "3",
                "0",
                3,
                List.of());
        assertThat(FailureTriage.classify(
                        RunStatus.FAILED, "quality", Optional.empty(), Optional.of("stopped"), List.of(failedGate)))
                .isEqualTo(FailureClass.QUALITY);
    }

    @Test
    void anUnmatchedFailureIsUnknownRatherThanAGuess() {
        assertThat(failedWith("no space left on device")).isEqualTo(FailureClass.UNKNOWN);
        assertThat(FailureTriage.classify(RunStatus.KILLED, "load", Optional.empty(), Optional.empty(), List.of()))
                .isEqualTo(FailureClass.UNKNOWN);
    }
}
