package dev.weir.core.run;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.quality.CheckPhase;
import dev.weir.core.quality.CheckResult;
import dev.weir.core.quality.CheckRunner;
import dev.weir.core.quality.CheckTarget;
import dev.weir.core.spec.CheckSpec;
import dev.weir.core.spec.ContractSpec;
import dev.weir.core.spec.ErrorStrategy;
import dev.weir.core.spec.PipelineSpec;
import dev.weir.core.spec.Severity;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.EngineSession;
import dev.weir.core.spi.RelationInfo;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's quality gates. Before the load, the contract's row-level checks and the pipeline's
 * {@code pre_load} checks judge the rows about to be loaded; after the files are written, the
 * contract's table-level checks and the pipeline's {@code post_load} checks judge the table as the
 * commit would leave it, before it is published. A blocking failure stops the run before its
 * commit. Under {@code dead-letter}, rows failing a blocking row-level check below P0 are split off
 * into the quarantine instead, and the good rows load.
 */
final class QualityGates {
    private static final Logger LOG = LoggerFactory.getLogger(QualityGates.class);
    static final String PASSING = "__weir_passing";
    static final String REJECTED = "__weir_rejected";

    private final PipelineSpec pipeline;
    private final List<CheckSpec> preLoadChecks;
    private final List<CheckSpec> postLoadChecks;
    private final EngineSession session;
    private final CheckRunner runner;
    private final List<CheckResult> results = new ArrayList<>();
    private long rejectedRows;

    QualityGates(PipelineSpec pipeline, Optional<ContractSpec> contract, EngineSession session, String runId) {
        this.pipeline = pipeline;
        this.preLoadChecks = preLoadChecks(pipeline, contract);
        this.postLoadChecks = postLoadChecks(pipeline, contract);
        this.session = session;
        this.runner = new CheckRunner(session, runId);
    }

    /** The contract's row-level checks, then the pipeline's pre-load checks. */
    private static List<CheckSpec> preLoadChecks(PipelineSpec pipeline, Optional<ContractSpec> contract) {
        List<CheckSpec> checks = new ArrayList<>();
        contract.ifPresent(
                c -> c.allChecks().stream().filter(CheckSpec::isRowLevel).forEach(checks::add));
        checks.addAll(pipeline.qualityGates().preLoad());
        return checks;
    }

    /** The contract's table-level checks, then the pipeline's post-load checks. */
    private static List<CheckSpec> postLoadChecks(PipelineSpec pipeline, Optional<ContractSpec> contract) {
        List<CheckSpec> checks = new ArrayList<>();
        contract.ifPresent(
                c -> c.allChecks().stream().filter(check -> !check.isRowLevel()).forEach(checks::add));
        checks.addAll(pipeline.qualityGates().postLoad());
        return checks;
    }

    /** The Weir tables the checks read besides the checked relation: referential parents, reconciliation sources. */
    Set<TableId> referencedTables() {
        Set<TableId> tables = new LinkedHashSet<>();
        List<CheckSpec> all = new ArrayList<>(preLoadChecks);
        all.addAll(postLoadChecks);
        all.forEach(check -> check.tableRead().ifPresent(tables::add));
        return tables;
    }

    /**
     * Runs the pre-load checks on {@code relation} and returns what is to be loaded: the relation
     * itself, or under dead-letter the part of it that passed (the rest is relation {@link #REJECTED}).
     *
     * @param existingRows the published rows the relation will join, for unique checks
     * @throws WeirException {@code QUALITY_GATE_FAILED} when a blocking check fails
     */
    RelationInfo preLoad(RelationInfo relation, Optional<String> existingRows, Optional<String> batch) {
        List<CheckSpec> checks = preLoadChecks;
        boolean deadLetter = pipeline.errorHandling().strategy() == ErrorStrategy.DEAD_LETTER;
        List<CheckSpec> diverted = checks.stream()
                .filter(c -> deadLetter && c.isRowLevel() && c.blocking() && c.severity() != Severity.P0)
                .toList();
        CheckTarget target = new CheckTarget(relation.name(), existingRows, Optional.empty(), batch);
        for (CheckSpec check : checks) {
            if (!diverted.contains(check)) {
                record(runner.evaluate(check, CheckPhase.PRE_LOAD, target));
            }
        }
        stopOnBlockingFailure(CheckPhase.PRE_LOAD, "the batch");
        if (diverted.isEmpty()) {
            return relation;
        }
        RelationInfo passing = session.splitOnChecks(PASSING, REJECTED, diverted, target);
        rejectedRows = relation.rowCount() - passing.rowCount();
        Map<String, Long> perCheck = session.countBy(REJECTED, EngineSession.REJECTED_CHECK);
        for (CheckSpec check : diverted) {
            record(runner.quarantined(check, perCheck.getOrDefault(check.name(), 0L), relation.rowCount()));
        }
        return passing;
    }

    /**
     * Runs the post-load checks on {@code audited}, the table as the commit would leave it.
     *
     * @param previous the published table, when there is one
     * @throws WeirException {@code QUALITY_GATE_FAILED} when a blocking check fails
     */
    void postLoad(String audited, Optional<String> previous, Optional<String> batch) {
        CheckTarget target = new CheckTarget(audited, Optional.empty(), previous, batch);
        for (CheckSpec check : postLoadChecks) {
            record(runner.evaluate(check, CheckPhase.POST_LOAD, target));
        }
        stopOnBlockingFailure(CheckPhase.POST_LOAD, "the table as this load would leave it; nothing was published");
    }

    boolean hasPreLoadChecks() {
        return !preLoadChecks.isEmpty();
    }

    boolean hasPostLoadChecks() {
        return !postLoadChecks.isEmpty();
    }

    List<CheckResult> results() {
        return List.copyOf(results);
    }

    /** Rows split off into the quarantine by {@link #preLoad}. */
    long rejectedRows() {
        return rejectedRows;
    }

    int passed() {
        return (int) results.stream().filter(CheckResult::passed).count();
    }

    int failed() {
        return results.size() - passed();
    }

    private void record(CheckResult result) {
        results.add(result);
        if (result.passed()) {
            LOG.debug("check {} passed: {}", result.check(), result.observed());
        } else if (result.severity() == Severity.P3) {
            LOG.info("check {} [P3] failed: {} (expected {})", result.check(), result.observed(), result.threshold());
        } else if (result.blocking()) {
            LOG.warn(
                    "check {} [{}] failed in {}: {} (expected {})",
                    result.check(),
                    result.severity(),
                    pipeline.name(),
                    result.observed(),
                    result.threshold());
        }
    }

    private void stopOnBlockingFailure(CheckPhase phase, String what) {
        List<CheckResult> blocking = results.stream()
                .filter(r -> r.phase() == phase && !r.passed() && r.blocking())
                .toList();
        if (blocking.isEmpty()) {
            return;
        }
        String failures = blocking.stream()
                .map(r -> r.check() + " [" + r.severity() + "] " + r.observed() + " (expected " + r.threshold() + ")")
                .collect(Collectors.joining("; "));
        boolean rowLevelOnly = blocking.stream()
                .allMatch(r -> r.phase() == CheckPhase.PRE_LOAD
                        && r.failingRows() > 0
                        && r.severity() != Severity.P0
                        && isRowCheck(r.check()));
        String hint = rowLevelOnly && pipeline.errorHandling().strategy() != ErrorStrategy.DEAD_LETTER
                ? "fix the source rows and rerun, or set error_handling.strategy: dead-letter to load the good rows and quarantine the rest"
                : "fix the data or the check and rerun; `weir checks " + pipeline.name()
                        + "` shows every result with failing rows";
        throw WeirException.withHint(
                ErrorCode.QUALITY_GATE_FAILED,
                "Quality gate " + phase.yamlName() + " failed on " + what + ": " + blocking.size() + " blocking check"
                        + (blocking.size() == 1 ? "" : "s") + " failed: " + failures,
                hint);
    }

    private boolean isRowCheck(String name) {
        return preLoadChecks.stream().anyMatch(c -> c.name().equals(name) && c.isRowLevel());
    }
}
