package dev.weir.metastore;

import dev.weir.core.spi.RunRecord;
import dev.weir.core.spi.RunStatus;
import dev.weir.core.spi.StageEvent;
import java.time.Instant;
import java.util.Optional;

/**
 * A separate process for {@link ConcurrentWritersIT}: opens the metastore (migrating it if new)
 * and records {@code count} runs the way a run does: started, one stage event, finished.
 * Arguments: JDBC URL, run id prefix, count. Exits non-zero if any call fails.
 */
final class RunWriterMain {
    private RunWriterMain() {}

    public static void main(String[] args) {
        String url = args[0];
        String prefix = args[1];
        int count = Integer.parseInt(args[2]);
        try (SqlMetastore metastore = SqlMetastore.open(url)) {
            writeRuns(metastore, prefix, count);
        }
    }

    static void writeRuns(SqlMetastore metastore, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            String runId = prefix + "-" + i;
            Instant start = Instant.now();
            RunRecord started = RunRecord.started(prefix, runId, start, Optional.empty());
            metastore.saveRun(started);
            metastore.addStageEvent(
                    new StageEvent(runId, "extract", start, Instant.now(), i, "success", Optional.empty()));
            metastore.saveRun(new RunRecord(
                    prefix,
                    runId,
                    start,
                    Optional.of(Instant.now()),
                    RunStatus.SUCCESS,
                    "done",
                    i,
                    i,
                    i,
                    0,
                    1,
                    0,
                    0.01,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of("{\"i\":" + i + "}")));
            metastore.saveWatermark(prefix, "{\"i\":" + i + "}", runId);
        }
    }
}
