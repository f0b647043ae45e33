package dev.weir.scheduler;

import dev.weir.core.alert.AlertDelivery;
import dev.weir.core.spec.PipelineSpec;
import dev.weir.core.spec.Severity;
import dev.weir.core.spi.Alert;
import dev.weir.core.spi.Tick;
import dev.weir.runtime.WeirRuntime;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The alerts the scheduler raises itself, through each pipeline's channels like its runs' alerts. */
final class SchedulerAlerts {
    private static final Logger LOG = LoggerFactory.getLogger(SchedulerAlerts.class);

    private final WeirRuntime runtime;

    SchedulerAlerts(WeirRuntime runtime) {
        this.runtime = runtime;
    }

    /** Deduplicated over the quiet period like the pipeline's runs' alerts. */
    void send(PipelineSpec pipeline, Alert alert) {
        AlertDelivery.of(
                        pipeline.errorHandling().alertChannels(),
                        runtime.runServices().alertChannels(),
                        runtime.metastore().alertLedger(),
                        runtime.project().alerts())
                .send(alert);
    }

    /** A tick the pipeline's {@code on_busy: fail} refused. */
    void refused(PipelineSpec pipeline, Tick tick, Instant now) {
        send(
                pipeline,
                new Alert(
                        Alert.Kind.TICK_REFUSED,
                        Severity.ofTier(pipeline.pipeline().tier(), false),
                        pipeline.name(),
                        tick.tickId(),
                        pipeline.load().target().toString(),
                        "scheduled run refused: " + tick.note().orElse("the pipeline was busy"),
                        List.of("scheduled at " + tick.scheduledAt()),
                        runtime.project().contractFor(pipeline.load().target()).flatMap(c -> c.notificationChannel()),
                        now));
    }

    // A digest that cannot be sent now stays queued for the next minute: no reason to stop the pass
    void sendDueDigests(Instant now) {
        try {
            runtime.alertDigests().sendDue(now);
        } catch (RuntimeException e) {
            LOG.warn("Cannot send the alert digest now: {}", e.getMessage());
        }
    }
}
