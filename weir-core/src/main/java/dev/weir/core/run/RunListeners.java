package dev.weir.core.run;

import dev.weir.core.quality.CheckResult;
import dev.weir.core.spi.PipelineResult;
import dev.weir.core.spi.RunListener;
import dev.weir.core.spi.RunRecord;
import dev.weir.core.spi.StageEvent;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Several listeners as one, each called in turn; one that throws is logged and does not stop the run or the others. */
public final class RunListeners implements RunListener {
    private static final Logger LOG = LoggerFactory.getLogger(RunListeners.class);

    private final List<RunListener> listeners;

    private RunListeners(List<RunListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    public static RunListener guarded(List<RunListener> listeners) {
        return listeners.size() == 1 && listeners.get(0) instanceof RunListeners guarded
                ? guarded
                : new RunListeners(listeners);
    }

    @Override
    public void runStarted(RunRecord run) {
        each(l -> l.runStarted(run));
    }

    @Override
    public void stageStarted(String runId, String stage) {
        each(l -> l.stageStarted(runId, stage));
    }

    @Override
    public void stageFinished(StageEvent stage) {
        each(l -> l.stageFinished(stage));
    }

    @Override
    public void checksEvaluated(String runId, List<CheckResult> results) {
        each(l -> l.checksEvaluated(runId, results));
    }

    @Override
    public void committed(String runId, String table, long snapshotId) {
        each(l -> l.committed(runId, table, snapshotId));
    }

    @Override
    public void runFinished(PipelineResult result) {
        each(l -> l.runFinished(result));
    }

    private void each(Consumer<RunListener> call) {
        for (RunListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                LOG.warn("Run listener {} failed; ignored", listener.getClass().getName(), e);
            }
        }
    }
}
