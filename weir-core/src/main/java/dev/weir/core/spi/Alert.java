package dev.weir.core.spi;

import dev.weir.core.spec.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Something a person should know about a run: a failed check, a failed run, a skipped batch,
 * quarantined rows, a lag past its limit, or the digest of non-blocking failures. {@code notificationChannel} is the
 * channel the table's contract names (for example a chat channel), for receivers that route on it.
 */
public record Alert(
        Kind kind,
        Severity severity,
        String pipeline,
        String runId,
        String table,
        String title,
        List<String> details,
        Optional<String> notificationChannel,
        Instant at) {
    public enum Kind {
        CHECK_FAILED("check_failed"),
        ROWS_QUARANTINED("rows_quarantined"),
        RUN_FAILED("run_failed"),
        BATCH_SKIPPED("batch_skipped"),
        SCHEMA_CHANGED("schema_changed"),
        DELETES_REFUSED("deletes_refused"),
        /** A scheduled run was still going, or had not started, at its deadline ({@code sla_minutes}). */
        SLA_MISSED("sla_missed"),
        /** A table is older than its contract's {@code sla.freshness_hours}. */
        DATA_STALE("data_stale"),
        /** A pipeline's committed position is further behind its source than its {@code max_lag}. */
        LAG_EXCEEDED("lag_exceeded"),
        /** A tick found its pipeline busy and {@code on_busy: fail} refused it. */
        TICK_REFUSED("tick_refused"),
        DIGEST("digest");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public Alert {
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(severity, "severity is null");
        Objects.requireNonNull(pipeline, "pipeline is null");
        Objects.requireNonNull(runId, "runId is null");
        Objects.requireNonNull(table, "table is null");
        Objects.requireNonNull(title, "title is null");
        details = List.copyOf(details);
        Objects.requireNonNull(notificationChannel, "notificationChannel is null");
        Objects.requireNonNull(at, "at is null");
    }

    /** How soon someone should respond, by the seed's Alert Severity table. */
    public String responseTime() {
        return severity.responseTime();
    }

    /** A copy with {@code line} added to the details. */
    public Alert withDetail(String line) {
        List<String> more = new ArrayList<>(details);
        more.add(line);
        return new Alert(kind, severity, pipeline, runId, table, title, more, notificationChannel, at);
    }
}
