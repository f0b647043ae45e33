package dev.weir.scheduler;

import dev.weir.core.error.WeirException;
import dev.weir.core.spec.ContractSpec;
import dev.weir.core.spec.PipelineSpec;
import dev.weir.core.spec.ProjectSpec;
import dev.weir.core.spec.Severity;
import dev.weir.core.spi.Alert;
import dev.weir.core.spi.ScheduleStore;
import dev.weir.core.spi.SnapshotInfo;
import dev.weir.core.spi.TableReader;
import dev.weir.core.spi.Tick;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Alerts on promises about to be broken, while they are being broken: a tick still open at its
 * deadline ({@code sla_minutes} after its scheduled time, not after its start, so a run that waited
 * for a slot counts its wait), and a table older than its contract's {@code sla.freshness_hours},
 * whether or not a run is due. Each alert is sent once, marked in the store.
 */
final class SlaWatch {
    private final ProjectSpec project;
    private final ScheduleStore store;
    private final TableReader tables;
    private final BiConsumer<PipelineSpec, Alert> alerts;

    SlaWatch(ProjectSpec project, ScheduleStore store, TableReader tables, BiConsumer<PipelineSpec, Alert> alerts) {
        this.project = project;
        this.store = store;
        this.tables = tables;
        this.alerts = alerts;
    }

    void checkDeadlines(List<Tick> open, Instant now) {
        for (Tick tick : open) {
            Optional<PipelineSpec> pipeline = project.pipeline(tick.pipeline());
            if (pipeline.isEmpty() || pipeline.get().pipeline().slaMinutes() == 0) {
                continue;
            }
            int sla = pipeline.get().pipeline().slaMinutes();
            Instant deadline = tick.scheduledAt().plus(Duration.ofMinutes(sla));
            if (now.isAfter(deadline) && store.markOnce("sla:" + tick.tickId(), now)) {
                String state = tick.state() == Tick.TickState.RUNNING
                        ? "still running (run " + tick.lastRunId().orElse("?") + ")"
                        : "not started yet (" + tick.note().orElse("waiting") + ")";
                alerts.accept(
                        pipeline.get(),
                        alert(
                                Alert.Kind.SLA_MISSED,
                                pipeline.get(),
                                tick.lastRunId().orElse(tick.tickId()),
                                "missed its SLA of " + sla + " minutes: " + state,
                                List.of(
                                        "scheduled at " + tick.scheduledAt() + ", deadline " + deadline,
                                        "attempts so far: " + tick.attempts()),
                                now));
            }
        }
    }

    void checkFreshness(Instant now) {
        for (ContractSpec contract : project.contracts()) {
            if (contract.sla().freshnessHours().isEmpty()) {
                continue;
            }
            Optional<PipelineSpec> writer = project.writerOf(contract.table());
            Optional<SnapshotInfo> latest = latestSnapshot(contract);
            if (writer.isEmpty() || latest.isEmpty()) {
                continue;
            }
            double hours = contract.sla().freshnessHours().getAsDouble();
            Duration age = Duration.between(latest.get().committedAt(), now);
            if (age.toMillis() > hours * 3_600_000
                    && store.markOnce(
                            "stale:" + contract.table() + "@" + latest.get().snapshotId(), now)) {
                alerts.accept(
                        writer.get(),
                        alert(
                                Alert.Kind.DATA_STALE,
                                writer.get(),
                                latest.get().runId().orElse("-"),
                                contract.table() + " is " + hours(age) + " old, past its freshness SLA of " + hours
                                        + " h",
                                List.of(
                                        "last commit " + latest.get().committedAt() + " (snapshot "
                                                + latest.get().snapshotId() + ")",
                                        "see weir runs " + writer.get().name() + " for why nothing newer was loaded"),
                                now));
            }
        }
    }

    private Optional<SnapshotInfo> latestSnapshot(ContractSpec contract) {
        try {
            return tables.history(contract.table()).stream().max(Comparator.comparing(SnapshotInfo::committedAt));
        } catch (WeirException unreadable) {
            return Optional.empty();
        }
    }

    private Alert alert(
            Alert.Kind kind, PipelineSpec pipeline, String runId, String title, List<String> details, Instant now) {
        return new Alert(
                kind,
                Severity.ofTier(pipeline.pipeline().tier(), false),
                pipeline.name(),
                runId,
                pipeline.load().target().toString(),
                title,
                details,
                project.contractFor(pipeline.load().target()).flatMap(ContractSpec::notificationChannel),
                now);
    }

    private static String hours(Duration age) {
        return String.format(java.util.Locale.ROOT, "%.1f h", age.toMinutes() / 60.0);
    }
}
