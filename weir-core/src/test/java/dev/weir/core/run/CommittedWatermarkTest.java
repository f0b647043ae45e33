package dev.weir.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.spi.SnapshotInfo;
import dev.weir.core.spi.Watermark;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommittedWatermarkTest {
    @Test
    void lastKeyValueOfThePipelineWinsAndOtherPipelinesAreIgnored() {
        List<SnapshotInfo> history = List.of(
                snapshot(1, Map.of("weir.pipeline", "orders", "weir.watermark", "2024-01-01")),
                snapshot(2, Map.of("weir.pipeline", "other", "weir.watermark", "2099-01-01")),
                snapshot(3, Map.of("weir.pipeline", "orders", "weir.watermark", "2024-01-05")),
                snapshot(4, Map.of("weir.pipeline", "orders")));

        Watermark watermark = CommittedWatermark.from(history, "orders");

        assertThat(watermark.keyValue()).contains("2024-01-05");
        assertThat(watermark.display()).contains("2024-01-05");
    }

    @Test
    void loadedFilesAreTheUnionOfEveryCommitOfThePipeline() {
        List<SnapshotInfo> history = List.of(
                snapshot(1, CommittedWatermark.summaryWith("orders", List.of("in/a.csv", "in/b.csv"))),
                snapshot(2, CommittedWatermark.summaryWith("orders", List.of("in/c.csv"))));

        Watermark watermark = CommittedWatermark.from(history, "orders");

        assertThat(watermark.loadedFiles()).containsExactly("in/a.csv", "in/b.csv", "in/c.csv");
        assertThat(watermark.display()).contains("files:3");
    }

    @Test
    void emptyHistoryMeansNoWatermark() {
        assertThat(CommittedWatermark.from(List.of(), "orders").isEmpty()).isTrue();
        assertThat(Watermark.NONE.display()).isEmpty();
    }

    @Test
    void metastoreFormRecordsKeyAndFiles() {
        Watermark watermark = new Watermark(Optional.of("42"), new java.util.TreeSet<>(List.of("b", "a")));

        assertThat(CommittedWatermark.toJson(watermark)).isEqualTo("{\"key\":\"42\",\"files\":[\"a\",\"b\"]}");
    }

    private static SnapshotInfo snapshot(long id, Map<String, String> summary) {
        return new SnapshotInfo(id, Instant.EPOCH.plusSeconds(id), "append", summary);
    }
}
