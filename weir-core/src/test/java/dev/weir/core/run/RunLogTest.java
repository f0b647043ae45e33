package dev.weir.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.spi.RunRecord;
import dev.weir.core.spi.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLogTest {
    @TempDir
    Path dir;

    @Test
    void eachRunIsOneLineWithTheSeedFieldsInOrder() throws Exception {
        RunLog log = new RunLog(dir.resolve("logs/runs.jsonl"));
        RunRecord run = new RunRecord(
                "orders",
                "r1",
                Instant.parse("2024-01-01T00:00:00Z"),
                Optional.of(Instant.parse("2024-01-01T00:00:02.5Z")),
                RunStatus.SUCCESS,
                "done",
                10,
                8,
                10,
                0,
                0,
                0,
                2.5,
                Optional.empty(),
                Optional.empty(),
                Optional.of("2024-01-01"));

        log.append(run);
        log.append(run);

        List<String> lines = Files.readAllLines(dir.resolve("logs/runs.jsonl"));
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0))
                .isEqualTo(
                        "{\"pipeline_name\":\"orders\",\"run_id\":\"r1\",\"started_at\":\"2024-01-01T00:00:00Z\","
                                + "\"completed_at\":\"2024-01-01T00:00:02.500Z\",\"status\":\"success\",\"stage\":\"done\",\"rows_extracted\":10,"
                                + "\"rows_transformed\":8,\"rows_loaded\":10,\"rows_rejected\":0,\"quality_checks_passed\":0,\"quality_checks_failed\":0,"
                                + "\"duration_seconds\":2.5,\"error_message\":null,\"watermark_before\":null,\"watermark_after\":\"2024-01-01\"}");
    }

    @Test
    void warningsFollowTheSeedFieldsWhenTheRunHasSome() throws Exception {
        RunLog log = new RunLog(dir.resolve("logs/runs.jsonl"));
        RunRecord run = RunRecord.started("orders", "r1", Instant.parse("2024-01-01T00:00:00Z"), Optional.empty())
                .withWarnings(List.of("No file matches 'data/*.csv': nothing to load"));

        log.append(run);

        assertThat(Files.readAllLines(dir.resolve("logs/runs.jsonl")).get(0))
                .endsWith("\"watermark_after\":null,\"warnings\":[\"No file matches 'data/*.csv': nothing to load\"]}");
    }
}
