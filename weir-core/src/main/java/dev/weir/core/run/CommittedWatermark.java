package dev.weir.core.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weir.core.spi.SnapshotInfo;
import dev.weir.core.spi.TableCommit;
import dev.weir.core.spi.Watermark;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Reads and writes the watermark that travels in snapshot summaries, the source of truth for
 * how far a pipeline has loaded. Every commit records {@code weir.watermark} (the watermark after
 * it, as shown to people); a commit of an incremental-key extract also names the key in
 * {@code weir.incremental-key}, so that a watermark is only ever compared with the column it was
 * taken from; {@code weir.files} lists the files a commit loaded (a JSON array).
 */
final class CommittedWatermark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NO_WATERMARK = "none";

    private CommittedWatermark() {}

    /**
     * The watermark of {@code pipeline} as its commits in {@code history} (oldest first) left it;
     * the key value only from commits that extracted on {@code keyColumn}.
     */
    static Watermark from(List<SnapshotInfo> history, String pipeline, Optional<String> keyColumn) {
        Optional<String> key = Optional.empty();
        SortedSet<String> files = new TreeSet<>();
        for (SnapshotInfo snapshot : history) {
            if (!snapshot.pipeline().map(pipeline::equals).orElse(false)) {
                continue;
            }
            String column = snapshot.summary().get(TableCommit.INCREMENTAL_KEY);
            if (column != null && keyColumn.map(column::equals).orElse(false)) {
                key = Optional.ofNullable(snapshot.summary().get(TableCommit.WATERMARK));
            }
            String loaded = snapshot.summary().get(TableCommit.FILES);
            if (loaded != null) {
                files.addAll(parseFiles(loaded));
            }
        }
        return new Watermark(key, files);
    }

    /** The snapshot summary entries of a commit that leaves {@code after} and loaded {@code loadedFiles}. */
    static Map<String, String> summary(Watermark after, Optional<String> keyColumn, List<String> loadedFiles) {
        Map<String, String> summary = new LinkedHashMap<>();
        summary.put(TableCommit.WATERMARK, after.display().orElse(NO_WATERMARK));
        keyColumn.ifPresent(k -> summary.put(TableCommit.INCREMENTAL_KEY, k));
        if (!loadedFiles.isEmpty()) {
            summary.put(TableCommit.FILES, write(loadedFiles));
        }
        return summary;
    }

    /** A commit summary of {@code pipeline} that loaded {@code files}. */
    static Map<String, String> summaryWith(String pipeline, List<String> files) {
        Map<String, String> summary = new LinkedHashMap<>(summary(Watermark.NONE, Optional.empty(), files));
        summary.put(TableCommit.PIPELINE, pipeline);
        return summary;
    }

    /** The watermark as the metastore caches it. */
    static String toJson(Watermark watermark) {
        Map<String, Object> doc = new LinkedHashMap<>();
        watermark.keyValue().ifPresent(k -> doc.put("key", k));
        doc.put("files", new ArrayList<>(watermark.loadedFiles()));
        try {
            return JSON.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String write(List<String> files) {
        try {
            return JSON.writeValueAsString(files);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> parseFiles(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Invalid " + TableCommit.FILES + " in snapshot summary: " + json, e);
        }
    }
}
