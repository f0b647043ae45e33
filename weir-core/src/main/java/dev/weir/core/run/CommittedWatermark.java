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
 * how far a pipeline has loaded: {@code weir.watermark} holds the greatest incremental-key value
 * loaded so far, {@code weir.files} the files a commit loaded (a JSON array).
 */
final class CommittedWatermark {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CommittedWatermark() {}

    /** The watermark of {@code pipeline} as its commits in {@code history} (oldest first) left it. */
    static Watermark from(List<SnapshotInfo> history, String pipeline) {
        Optional<String> key = Optional.empty();
        SortedSet<String> files = new TreeSet<>();
        for (SnapshotInfo snapshot : history) {
            if (!snapshot.pipeline().map(pipeline::equals).orElse(false)) {
                continue;
            }
            String value = snapshot.summary().get(TableCommit.WATERMARK);
            if (value != null) {
                key = Optional.of(value);
            }
            String loaded = snapshot.summary().get(TableCommit.FILES);
            if (loaded != null) {
                files.addAll(parseFiles(loaded));
            }
        }
        return new Watermark(key, files);
    }

    /** The snapshot summary entries that record {@code loadedKey} and {@code loadedFiles}. */
    static Map<String, String> summary(Optional<String> loadedKey, List<String> loadedFiles) {
        Map<String, String> summary = new LinkedHashMap<>();
        loadedKey.ifPresent(k -> summary.put(TableCommit.WATERMARK, k));
        if (!loadedFiles.isEmpty()) {
            summary.put(TableCommit.FILES, write(loadedFiles));
        }
        return summary;
    }

    /** A commit summary of {@code pipeline} that loaded {@code files}. */
    static Map<String, String> summaryWith(String pipeline, List<String> files) {
        Map<String, String> summary = new LinkedHashMap<>(summary(Optional.empty(), files));
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
