package dev.weir.core.health;

import java.util.List;

/**
 * The branches of the seed's Pipeline Failure Triage tree (Phase 10), each with its next steps
 * in Weir's own commands; {@code TABLE} and {@code RUN_ID} are filled in by the caller.
 */
public enum FailureClass {
    NOT_FAILED("not failed", List.of("nothing to triage: the run did not fail")),
    CONNECTION(
            "connection",
            List.of(
                    "check source availability, network and credentials: weir validate --connect",
                    "a transient failure: retry the run (error_handling.strategy: retry retries it for you)")),
    SCHEMA_MISMATCH(
            "schema mismatch",
            List.of(
                    "the source schema changed: weir schema TABLE shows the table's columns",
                    "additive (new column) is usually safe; rename, type change and removed column break"
                            + " readers (Weir's drift rules: docs/quality.md#schema-drift)",
                    "update the extract and the contract, notify the consumers, backfill if needed")),
    QUALITY(
            "data quality",
            List.of(
                    "see which checks failed and on what: weir checks --run RUN_ID",
                    "investigate the source rows that failed: weir rejects TABLE",
                    "fix the source data and run again; override a gate only when that is safe")),
    OUT_OF_MEMORY(
            "out of memory",
            List.of(
                    "increase resources (the JVM's -Xmx, engine memory) or make the query lighter",
                    "narrow the transform or the extract (fewer columns, a shorter lookback)")),
    PERMISSION(
            "permission denied",
            List.of(
                    "check roles and token expiry of the connection: weir validate --connect",
                    "check file permissions of the warehouse and state directories")),
    DUPLICATE_KEY(
            "duplicate key",
            List.of(
                    "check idempotency: does the load's merge key identify one row?",
                    "investigate duplicates in the source (sequence_by picks the latest of a key)")),
    TIMEOUT(
            "timeout",
            List.of(
                    "check for a data volume spike: weir runs shows rows per run",
                    "check the query plan and the source's health, then retry")),
    UNKNOWN(
            "unknown",
            List.of(
                    "no branch of the triage tree matches: read the error message and the run log",
                    "the stage events of the run show where it stopped: weir runs"));

    private final String label;
    private final List<String> nextSteps;

    FailureClass(String label, List<String> nextSteps) {
        this.label = label;
        this.nextSteps = nextSteps;
    }

    public String label() {
        return label;
    }

    public List<String> nextSteps() {
        return nextSteps;
    }
}
