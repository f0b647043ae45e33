package dev.weir.core.run;

import dev.weir.core.error.SqlFailure;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.StageSpec;
import dev.weir.core.spi.EngineSession;
import dev.weir.core.spi.RelationInfo;
import java.time.Instant;

/** A run's transform stages, run in order on its staged batch, each with its event. */
final class TransformStages {
    private TransformStages() {}

    /** Runs every stage of {@code run}'s pipeline; the last one's result, or {@code source} when there is none. */
    static RelationInfo run(PipelineRun run, EngineSession session, RelationInfo source) {
        run.stage = RunStage.TRANSFORM;
        RelationInfo last = source;
        for (StageSpec s : run.pipeline.transform().stages()) {
            Instant t = run.begin("transform:" + s.name());
            last = runStage(session, s);
            run.event("transform:" + s.name(), t, last.rowCount(), null);
            run.cancellation.check();
        }
        run.transformed = last.rowCount();
        return last;
    }

    /** Runs a stage; an error at a character of its SQL names the file, line and column it was written at. */
    private static RelationInfo runStage(EngineSession session, StageSpec stage) {
        try {
            return session.runStage(stage.name(), stage.sql());
        } catch (SqlFailure e) {
            throw new WeirException(
                    e.code(),
                    e.getMessage(),
                    stage.origin().locate(e.offset()),
                    e.hint().orElse(null),
                    e);
        }
    }
}
