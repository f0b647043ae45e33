package dev.weir.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weir.core.spi.RunRecord;
import dev.weir.core.spi.RunStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The structured run log: one JSON object per line in {@code runs.jsonl}, with exactly the
 * seed's logging fields. Appends take a file lock so lines from concurrent runs never interleave.
 */
public final class RunLog {
    private final Path file;
    private final ObjectMapper json = new ObjectMapper();

    public RunLog(Path file) {
        this.file = file;
    }

    /**
     * Appends one line. Runs of this process take turns on the instance (a file lock is held by the
     * whole process, so threads cannot share it); other processes are kept out by the file lock.
     */
    public synchronized void append(RunRecord run) {
        try {
            Files.createDirectories(file.getParent());
            byte[] line = (json.writeValueAsString(fields(run)) + "\n").getBytes(StandardCharsets.UTF_8);
            try (FileChannel channel = FileChannel.open(
                            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                    FileLock lock = channel.lock()) {
                channel.write(ByteBuffer.wrap(line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot append to run log " + file, e);
        }
    }

    /**
     * The last line of run {@code runId}, if the log has one: a run whose process died after
     * writing its line here, before the metastore had its record, is closed with exactly that record.
     */
    public synchronized Optional<RunRecord> find(String runId) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String marker = "\"run_id\":" + json.valueToTree(runId);
        Optional<RunRecord> found = Optional.empty();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                Optional<RunRecord> record = line.contains(marker) ? parse(line) : Optional.empty();
                if (record.isPresent()) {
                    found = record;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read run log " + file, e);
        }
        return found;
    }

    /** The record of one line; empty for a line cut short by a process killed while appending it. */
    private Optional<RunRecord> parse(String text) {
        try {
            return Optional.of(record(json.readTree(text)));
        } catch (IOException | RuntimeException cutShort) {
            return Optional.empty();
        }
    }

    private static RunRecord record(JsonNode line) {
        List<String> warnings = new ArrayList<>();
        line.path("warnings").forEach(w -> warnings.add(w.asText()));
        return new RunRecord(
                line.path("pipeline_name").asText(),
                line.path("run_id").asText(),
                Instant.parse(line.path("started_at").asText()),
                text(line, "completed_at").map(Instant::parse),
                RunStatus.fromWireName(line.path("status").asText()),
                line.path("stage").asText(),
                line.path("rows_extracted").asLong(),
                line.path("rows_transformed").asLong(),
                line.path("rows_loaded").asLong(),
                line.path("rows_rejected").asLong(),
                line.path("quality_checks_passed").asInt(),
                line.path("quality_checks_failed").asInt(),
                line.path("duration_seconds").asDouble(),
                text(line, "error_message"),
                text(line, "watermark_before"),
                text(line, "watermark_after"),
                warnings);
    }

    private static Optional<String> text(JsonNode line, String field) {
        JsonNode value = line.path(field);
        return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    /**
     * The record as the seed's logging standard names its fields, in that order; then Weir's
     * {@code warnings}, only when there are some, so that other runs' lines stay the seed's exactly.
     */
    static Map<String, Object> fields(RunRecord run) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("pipeline_name", run.pipelineName());
        f.put("run_id", run.runId());
        f.put("started_at", run.startedAt().toString());
        f.put("completed_at", run.completedAt().map(Object::toString).orElse(null));
        f.put("status", run.status().wireName());
        f.put("stage", run.stage());
        f.put("rows_extracted", run.rowsExtracted());
        f.put("rows_transformed", run.rowsTransformed());
        f.put("rows_loaded", run.rowsLoaded());
        f.put("rows_rejected", run.rowsRejected());
        f.put("quality_checks_passed", run.qualityChecksPassed());
        f.put("quality_checks_failed", run.qualityChecksFailed());
        f.put("duration_seconds", run.durationSeconds());
        f.put("error_message", run.errorMessage().orElse(null));
        f.put("watermark_before", run.watermarkBefore().orElse(null));
        f.put("watermark_after", run.watermarkAfter().orElse(null));
        if (!run.warnings().isEmpty()) {
            f.put("warnings", run.warnings());
        }
        return f;
    }
}
