package dev.weir.core.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.core.spi.KeyWindow;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunksTest {
    private static LocalDate day(String text) {
        return LocalDate.parse(text);
    }

    @Test
    void aYearInDayChunksIs365ChunksMostRecentFirst() {
        List<Chunks.Chunk> chunks = Chunks.of(day("2025-01-01"), day("2025-12-31"), ChunkSize.DAY);
        assertThat(chunks).hasSize(365);
        assertThat(chunks.get(0)).isEqualTo(new Chunks.Chunk(day("2025-12-31"), day("2026-01-01")));
        assertThat(chunks.get(364)).isEqualTo(new Chunks.Chunk(day("2025-01-01"), day("2025-01-02")));
        for (int i = 1; i < chunks.size(); i++) {
            assertThat(chunks.get(i).end()).isEqualTo(chunks.get(i - 1).start());
        }
    }

    @Test
    void aLeapYearHas366DayChunks() {
        assertThat(Chunks.of(day("2024-01-01"), day("2024-12-31"), ChunkSize.DAY))
                .hasSize(366);
    }

    @Test
    void weekChunksFollowIsoWeeksAndClipTheFirstAndLastWeek() {
        // 2025-01-01 is a Wednesday, 2025-01-31 a Friday
        List<Chunks.Chunk> chunks = Chunks.of(day("2025-01-01"), day("2025-01-31"), ChunkSize.WEEK);
        assertThat(chunks)
                .containsExactly(
                        new Chunks.Chunk(day("2025-01-27"), day("2025-02-01")),
                        new Chunks.Chunk(day("2025-01-20"), day("2025-01-27")),
                        new Chunks.Chunk(day("2025-01-13"), day("2025-01-20")),
                        new Chunks.Chunk(day("2025-01-06"), day("2025-01-13")),
                        new Chunks.Chunk(day("2025-01-01"), day("2025-01-06")));
    }

    @Test
    void monthChunksFollowTheCalendarWithAPartialLastMonth() {
        List<Chunks.Chunk> chunks = Chunks.of(day("2024-01-15"), day("2024-03-10"), ChunkSize.MONTH);
        assertThat(chunks)
                .containsExactly(
                        new Chunks.Chunk(day("2024-03-01"), day("2024-03-11")),
                        new Chunks.Chunk(day("2024-02-01"), day("2024-03-01")),
                        new Chunks.Chunk(day("2024-01-15"), day("2024-02-01")));
        assertThat(chunks.get(0)).hasToString("2024-03-01..2024-03-10");
    }

    @Test
    void aSingleDayIsOneChunk() {
        assertThat(Chunks.of(day("2025-06-01"), day("2025-06-01"), ChunkSize.MONTH))
                .containsExactly(new Chunks.Chunk(day("2025-06-01"), day("2025-06-02")));
    }

    @Test
    void anEndBeforeTheStartIsRefused() {
        assertThatThrownBy(() -> Chunks.of(day("2025-02-01"), day("2025-01-01"), ChunkSize.DAY))
                .hasMessage("Invalid range: 2025-01-01 is before 2025-02-01");
    }

    @Test
    void aChunkWindowStartsAtMidnightOfTheSchedulersTimeZone() {
        Chunks.Chunk chunk = new Chunks.Chunk(day("2025-03-30"), day("2025-03-31"));
        KeyWindow paris = chunk.window(ZoneId.of("Europe/Paris"));
        assertThat(paris.from().toOffsetDateTime()).hasToString("2025-03-30T00:00+01:00");
        assertThat(paris.until().toOffsetDateTime()).hasToString("2025-03-31T00:00+02:00");
        assertThat(Duration.between(paris.from(), paris.until()))
                .as("the day clocks go forward has 23 hours")
                .isEqualTo(Duration.ofHours(23));
        KeyWindow utc = chunk.window(ZoneOffset.UTC);
        assertThat(Duration.between(utc.from(), utc.until())).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void chunkSizesAreReadByTheirWireNames() {
        assertThat(ChunkSize.fromWireName("week")).contains(ChunkSize.WEEK);
        assertThat(ChunkSize.fromWireName("fortnight")).isEmpty();
    }
}
