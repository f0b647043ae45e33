package dev.weir.core.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weir.core.spec.PipelineSpec;
import dev.weir.core.spi.FileSet;
import dev.weir.core.spi.KeyWatermark;
import dev.weir.core.spi.Metastore;
import dev.weir.core.spi.Position;
import dev.weir.core.spi.SnapshotInfo;
import dev.weir.core.spi.TableCommit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes the source position that travels in snapshot summaries, the source of truth for
 * how far a pipeline has loaded: {@code weir.position} holds it for the source, {@code weir.watermark}
 * for people. Tables loaded before positions existed keep their watermarks: a key watermark and its
 * column ({@code weir.watermark}, {@code weir.incremental-key}) and the files of new-files commits
 * ({@code weir.files}, one list per commit) are read as the equivalent positions.
 */
final class CommittedPosition {
    private static final Logger LOG = LoggerFactory.getLogger(CommittedPosition.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NONE = "none";

    private CommittedPosition() {}

    /** The position of {@code pipeline} as its commits in {@code history} (oldest first) left it. */
    static Optional<Position> from(List<SnapshotInfo> history, String pipeline) {
        Optional<Position> position = Optional.empty();
        SortedSet<String> legacyFiles = new TreeSet<>();
        for (SnapshotInfo snapshot : history) {
            if (!snapshot.pipeline().map(pipeline::equals).orElse(false)) {
                continue;
            }
            Map<String, String> summary = snapshot.summary();
            String encoded = summary.get(TableCommit.POSITION);
            if (encoded != null) {
                position = Position.decode(encoded, summary.getOrDefault(TableCommit.WATERMARK, NONE));
            } else if (summary.containsKey(TableCommit.FILES)) {
                legacyFiles.addAll(parseFiles(summary.get(TableCommit.FILES)));
                position = Optional.of(new FileSet(legacyFiles).toPosition());
            } else if (summary.containsKey(TableCommit.INCREMENTAL_KEY) && summary.containsKey(TableCommit.WATERMARK)) {
                position = Optional.of(
                        new KeyWatermark(summary.get(TableCommit.INCREMENTAL_KEY), summary.get(TableCommit.WATERMARK))
                                .toPosition());
            }
        }
        return position;
    }

    /** The snapshot summary entries of a commit that leaves {@code after}. */
    static Map<String, String> summary(Optional<Position> after) {
        Map<String, String> summary = new LinkedHashMap<>();
        after.ifPresent(p -> summary.put(TableCommit.POSITION, p.encoded()));
        summary.put(TableCommit.WATERMARK, after.map(Position::display).orElse(NONE));
        return summary;
    }

    /** The position as the metastore caches it: its encoded form, or empty text for none. */
    /**
     * Corrects the metastore's cached position of {@code pipeline} when it differs from
     * {@code committed}, the one its table's snapshot holds: the table is the truth.
     */
    static void reconcileCache(Metastore metastore, PipelineSpec pipeline, Optional<Position> committed, String runId) {
        String truth = cached(committed);
        Optional<String> cached = metastore.watermark(pipeline.name());
        if (cached.isPresent() && !cached.get().equals(truth) || cached.isEmpty() && committed.isPresent()) {
            LOG.info(
                    "Position of {} reconciled from table {}: cached {} -> committed {}",
                    pipeline.name(),
                    pipeline.load().target(),
                    cached.orElse("none"),
                    truth);
            metastore.saveWatermark(pipeline.name(), truth, runId);
        }
    }

    static String cached(Optional<Position> position) {
        return position.map(Position::encoded).orElse("");
    }

    static Optional<String> display(Optional<Position> position) {
        return position.map(Position::display);
    }

    private static List<String> parseFiles(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Invalid " + TableCommit.FILES + " in snapshot summary: " + json, e);
        }
    }
}
