package dev.weir.core.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weir.core.spi.RunRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

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
