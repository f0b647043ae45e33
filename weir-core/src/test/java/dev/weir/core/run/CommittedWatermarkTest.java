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
                snapshot(1, keyed("orders", "2024-01-01")),
                snapshot(2, keyed("other", "2099-01-01")),
                snapshot(3, keyed("orders", "2024-01-05")),
                snapshot(4, Map.of("weir.pipeline", "orders")));

        Watermark watermark = CommittedWatermark.from(history, "orders", Optional.of("updated_at"));

        assertThat(watermark.keyValue()).contains("2024-01-05");
        assertThat(watermark.display()).contains("2024-01-05");
    }

    @Test
    void loadedFilesAreTheUnionOfEveryCommitOfThePipeline() {
        List<SnapshotInfo> history = List.of(
                snapshot(1, CommittedWatermark.summaryWith("orders", List.of("in/a.csv", "in/b.csv"))),
                snapshot(2, CommittedWatermark.summaryWith("orders", List.of("in/c.csv"))));

        Watermark watermark = CommittedWatermark.from(history, "orders", Optional.empty());

        assertThat(watermark.loadedFiles()).containsExactly("in/a.csv", "in/b.csv", "in/c.csv");
        assertThat(watermark.display()).contains("files:3");
    }

    @Test
    void emptyHistoryMeansNoWatermark() {
        assertThat(CommittedWatermark.from(List.of(), "orders", Optional.of("updated_at")).isEmpty()).isTrue();
        assertThat(Watermark.NONE.display()).isEmpty();
    }

    @Test
    void metastoreFormRecordsKeyAndFiles() {
        Watermark watermark = new Watermark(Optional.of("42"), new java.util.TreeSet<>(List.of("b", "a")));

        assertThat(CommittedWatermark.toJson(watermark)).isEqualTo("{\"key\":\"42\",\"files\":[\"a\",\"b\"]}");
    }

    @Test
    void watermarkTakenOnAnotherKeyColumnIsNotUsed() {
        List<SnapshotInfo> history = List.of(snapshot(1, keyed("orders", "2024-01-05")));

        assertThat(CommittedWatermark.from(history, "orders", Optional.of("order_id")).keyValue()).isEmpty();
    }

    @Test
    void everyCommitRecordsTheWatermarkItLeaves() {
        Watermark after = new Watermark(Optional.empty(), new java.util.TreeSet<>(List.of("in/a.csv", "in/b.csv")));

        assertThat(CommittedWatermark.summary(after, Optional.empty(), List.of("in/b.csv")))
                .containsEntry("weir.watermark", "files:2").containsEntry("weir.files", "[\"in/b.csv\"]")
                .doesNotContainKey("weir.incremental-key");
        assertThat(CommittedWatermark.summary(Watermark.NONE, Optional.empty(), List.of())).containsExactly(Map.entry("weir.watermark", "none"));
    }

    private static Map<String, String> keyed(String pipeline, String value) {
        return Map.of("weir.pipeline", pipeline, "weir.incremental-key", "updated_at", "weir.watermark", value);
    }

    private static SnapshotInfo snapshot(long id, Map<String, String> summary) {
        return new SnapshotInfo(id, Instant.EPOCH.plusSeconds(id), "append", summary);
    }
}
