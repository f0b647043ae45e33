package dev.weir.core.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.spi.BackfillChunk;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChunkValidationTest {
    private static BackfillChunk chunk(
            String day, int days, long before, long after, long read, long rejected, int failed) {
        LocalDate start = LocalDate.parse(day);
        return new BackfillChunk(
                start,
                start.plusDays(days),
                BackfillChunk.Status.DONE,
                Optional.of("run"),
                before,
                after,
                read,
                read - rejected,
                rejected,
                3,
                failed,
                Optional.empty(),
                List.of());
    }

    @Test
    void aChunkThatRejectedRowsFailedChecksOrShrankTheTableHasAnomalies() {
        BackfillChunk checked = ChunkValidation.withAnomalies(chunk("2025-01-01", 1, 100, 90, 10, 2, 1));
        assertThat(checked.anomalies())
                .containsExactly(
                        "2 rows rejected into the quarantine", "1 checks failed", "the table lost 10 rows (100 -> 90)");
        assertThat(ChunkValidation.withAnomalies(chunk("2025-01-02", 1, 100, 100, 10, 0, 0))
                        .anomalies())
                .isEmpty();
    }

    @Test
    void aChunkWhoseRowsPerDayStrayFromTheMedianIsAnAnomaly() {
        List<String> found = ChunkValidation.acrossChunks(List.of(
                chunk("2025-01-04", 1, 0, 0, 10, 0, 0),
                chunk("2025-01-03", 1, 0, 0, 30, 0, 0),
                chunk("2025-01-02", 1, 0, 0, 11, 0, 0),
                chunk("2024-12-26", 7, 0, 0, 70, 0, 0)));
        assertThat(found).containsExactly("chunk 2025-01-03: 30.0 rows per day against a median of 10.5 (+186%)");
    }

    @Test
    void fewerThanThreeChunksHaveNoMedianToStrayFrom() {
        assertThat(ChunkValidation.acrossChunks(
                        List.of(chunk("2025-01-02", 1, 0, 0, 1, 0, 0), chunk("2025-01-01", 1, 0, 0, 100, 0, 0))))
                .isEmpty();
    }
}
