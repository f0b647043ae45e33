package dev.weir.core.run;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.quality.CheckResult;
import dev.weir.core.quality.CheckStatus;
import dev.weir.core.schema.SchemaChange;
import dev.weir.core.spec.ContractSpec;
import dev.weir.core.spec.PipelineSpec;
import dev.weir.core.spec.Severity;
import dev.weir.core.spi.Alert;
import dev.weir.core.spi.AlertChannel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a run's outcome into alerts, following the seed's severity responses: a failed P0 or P1
 * check and a failed or skipped run alert at once, quarantined rows alert once per run, P2
 * failures go into one digest at the end of the run, and P3 failures are only logged. The
 * pipeline's tier sets the severity of its own alerts ({@link Severity#ofTier}).
 */
final class RunAlerts {
    private final AlertChannel channel;
    /** Told that the pipeline ran well, which clears what its earlier alerts held back. */
    private final Runnable resolved;

    private final PipelineSpec pipeline;
    private final Optional<String> notificationChannel;
    private final Clock clock;

    RunAlerts(
            AlertChannel channel,
            Runnable resolved,
            PipelineSpec pipeline,
            Optional<ContractSpec> contract,
            Clock clock) {
        this.channel = channel;
        this.resolved = resolved;
        this.pipeline = pipeline;
        this.notificationChannel = contract.flatMap(ContractSpec::notificationChannel);
        this.clock = clock;
    }

    void succeeded(String runId, List<CheckResult> results, long quarantined) {
        resolved.run();
        for (CheckResult r : results) {
            if (!r.passed() && !isQuarantine(r) && (r.severity() == Severity.P0 || r.severity() == Severity.P1)) {
                send(
                        Alert.Kind.CHECK_FAILED,
                        r.severity(),
                        runId,
                        "check " + r.check() + " failed without blocking the load",
                        describe(r));
            }
        }
        if (quarantined > 0) {
            List<String> details = results.stream()
                    .filter(r -> isQuarantine(r) && !r.passed())
                    .map(r -> r.check() + ": " + r.failingRows() + " rows")
                    .toList();
            send(
                    Alert.Kind.ROWS_QUARANTINED,
                    tierSeverity(false),
                    runId,
                    quarantined + " rows quarantined in "
                            + Quarantine.of(pipeline.load().target()) + "; see weir rejects "
                            + pipeline.load().target(),
                    details);
        }
        List<String> digest = results.stream()
                .filter(r -> !r.passed() && r.severity() == Severity.P2)
                .flatMap(r -> describe(r).stream())
                .toList();
        if (!digest.isEmpty()) {
            send(Alert.Kind.DIGEST, Severity.P2, runId, "P2 checks failed; the data was loaded", digest);
        }
    }

    /**
     * A run that ended unpublished. A cancelled one was stopped by a person or a supervisor (a
     * stop signal, a scheduler shutting down) and its batch stays in the source for the next run:
     * nobody is paged for it.
     */
    void failed(String runId, WeirException error, List<CheckResult> results) {
        if (error.code() == ErrorCode.CANCELLED) {
            return;
        }
        List<String> details = new ArrayList<>();
        boolean p0 = false;
        for (CheckResult r : results) {
            if (!r.passed() && r.blocking()) {
                details.addAll(describe(r));
                p0 |= r.severity() == Severity.P0;
            }
        }
        error.hint().ifPresent(h -> details.add("hint: " + h));
        send(
                Alert.Kind.RUN_FAILED,
                tierSeverity(p0),
                runId,
                "run failed, nothing was published: " + error.located(),
                details);
    }

    /** Non-breaking schema changes: the table evolved, or the batch has columns its contract does not declare. */
    void schemaChanged(String runId, List<SchemaChange> changes) {
        send(
                Alert.Kind.SCHEMA_CHANGED,
                Severity.P2,
                runId,
                "schema changed without breaking readers",
                changes.stream().map(SchemaChange::describe).toList());
    }

    void batchSkipped(String runId, String reason, long rows) {
        send(
                Alert.Kind.BATCH_SKIPPED,
                tierSeverity(false),
                runId,
                "batch of " + rows + " rows skipped; its rows stay in the source",
                List.of(reason));
    }

    /** The reconciliation found more rows gone from the source than its guard lets it remove. */
    void deletesRefused(String runId, String reason) {
        send(
                Alert.Kind.DELETES_REFUSED,
                tierSeverity(false),
                runId,
                "rows gone from the source were not removed: too many at once",
                List.of(reason));
    }

    /** The severity of this pipeline's own alerts; a failed check keeps the check's. */
    private Severity tierSeverity(boolean critical) {
        return Severity.ofTier(pipeline.pipeline().tier(), critical);
    }

    private void send(Alert.Kind kind, Severity severity, String runId, String title, List<String> details) {
        channel.send(new Alert(
                kind,
                severity,
                pipeline.name(),
                runId,
                pipeline.load().target().toString(),
                title,
                details,
                notificationChannel,
                clock.instant()));
    }

    /** A quarantined row-level check: it failed, but only its rows were held back. */
    private static boolean isQuarantine(CheckResult r) {
        return r.status() == CheckStatus.QUARANTINED;
    }

    private static List<String> describe(CheckResult r) {
        List<String> lines = new ArrayList<>();
        lines.add(r.check() + " [" + r.severity() + "] " + r.observed() + " (expected " + r.threshold() + ")");
        r.sample().stream().findFirst().ifPresent(row -> lines.add("e.g. " + row));
        return lines;
    }
}
