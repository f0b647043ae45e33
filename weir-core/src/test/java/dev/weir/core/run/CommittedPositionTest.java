package dev.weir.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.spi.FileSet;
import dev.weir.core.spi.KeyWatermark;
import dev.weir.core.spi.Position;
import dev.weir.core.spi.SnapshotInfo;
import dev.weir.core.spi.TableCommit;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class CommittedPositionTest {
    @Test
    void theNewestCommitOfThePipelineHoldsItsPosition() {
        Position first = new KeyWatermark("updated_at", "2024-01-01").toPosition();
        Position second = new KeyWatermark("updated_at", "2024-01-02").toPosition();
        List<SnapshotInfo> history = List.of(
                snapshot(1, "orders", CommittedPosition.summary(Optional.of(first))),
                snapshot(2, "orders", CommittedPosition.summary(Optional.of(second))),
                snapshot(3, "other", CommittedPosition.summary(Optional.of(first))));

        assertThat(CommittedPosition.from(history, "orders")).contains(second);
    }

    @Test
    void aCommitWithoutPositionSuchAsACompactionKeepsTheOneBefore() {
        Position files = new FileSet(new TreeSet<>(List.of("in/a.csv"))).toPosition();
        List<SnapshotInfo> history = List.of(
                snapshot(1, "orders", CommittedPosition.summary(Optional.of(files))), snapshot(2, "orders", Map.of()));

        assertThat(CommittedPosition.from(history, "orders")).contains(files);
    }

    @Test
    void legacyNewFilesCommitsReadAsTheUnionOfTheirFiles() {
        List<SnapshotInfo> history = List.of(
                snapshot(
                        1,
                        "orders",
                        Map.of(TableCommit.WATERMARK, "files:2", TableCommit.FILES, "[\"in/a.csv\",\"in/b.csv\"]")),
                snapshot(2, "orders", Map.of(TableCommit.WATERMARK, "files:3", TableCommit.FILES, "[\"in/c.csv\"]")));

        Optional<Position> position = CommittedPosition.from(history, "orders");

        assertThat(FileSet.of(position).files()).containsExactly("in/a.csv", "in/b.csv", "in/c.csv");
        assertThat(position.map(Position::display)).contains("files:3");
    }

    @Test
    void legacyKeyWatermarksKeepTheirColumn() {
        List<SnapshotInfo> history = List.of(
                snapshot(1, "orders", Map.of(TableCommit.WATERMARK, "42", TableCommit.INCREMENTAL_KEY, "order_id")));

        Optional<Position> position = CommittedPosition.from(history, "orders");

        assertThat(KeyWatermark.after(position, "order_id")).contains("42");
        assertThat(KeyWatermark.after(position, "updated_at")).isEmpty();
    }

    @Test
    void aFullLoadLeavesNoPositionAndShowsNone() {
        assertThat(CommittedPosition.summary(Optional.empty()))
                .containsExactly(Map.entry(TableCommit.WATERMARK, "none"));
        assertThat(CommittedPosition.from(
                        List.of(snapshot(1, "orders", CommittedPosition.summary(Optional.empty()))), "orders"))
                .isEmpty();
    }

    @Test
    void aPositionRoundTripsThroughItsSummary() {
        Position position = new Position("offsets", "{\"orders-0\":17}", "orders-0:17");

        Map<String, String> summary = CommittedPosition.summary(Optional.of(position));

        assertThat(summary)
                .containsEntry(TableCommit.POSITION, "offsets:{\"orders-0\":17}")
                .containsEntry(TableCommit.WATERMARK, "orders-0:17");
        assertThat(CommittedPosition.from(List.of(snapshot(1, "orders", summary)), "orders"))
                .contains(position);
    }

    private static SnapshotInfo snapshot(long id, String pipeline, Map<String, String> summary) {
        Map<String, String> all = new LinkedHashMap<>(summary);
        all.put(TableCommit.RUN_ID, "run-" + id);
        all.put(TableCommit.PIPELINE, pipeline);
        return new SnapshotInfo(id, Instant.EPOCH, "append", all);
    }
}
