package dev.weir.core.run;

import dev.weir.core.error.WeirException;
import dev.weir.core.quality.CheckPhase;
import dev.weir.core.quality.CheckResult;
import dev.weir.core.quality.CheckRunner;
import dev.weir.core.quality.CheckTarget;
import dev.weir.core.spec.CheckSpec;
import dev.weir.core.spec.ProjectSpec;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.EngineSession;
import dev.weir.core.spi.SnapshotInfo;
import dev.weir.core.spi.TableState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * {@code weir test}: runs a published table's checks (its contract's and its writer pipeline's
 * post-load ones) against its current snapshot without loading anything. Volume-change and
 * drift rules compare it with the snapshot before. Results are saved under the test's own id.
 */
public final class TableTester {
    private static final String PREVIOUS_NAMESPACE = "__weir_previous";
    private static final String CANDIDATE_NAMESPACE = "__weir_candidate";

    private final RunServices services;
    private final TableAttacher attacher;

    public TableTester(RunServices services, TableAttacher attacher) {
        this.services = services;
        this.attacher = attacher;
    }

    /** The checks {@code weir test} runs on {@code table}: the contract's, then the writer's post-load ones. */
    public static List<CheckSpec> checksOf(ProjectSpec project, TableId table) {
        List<CheckSpec> checks = new ArrayList<>();
        project.contractFor(table).ifPresent(c -> checks.addAll(c.allChecks()));
        project.writerOf(table).ifPresent(p -> checks.addAll(p.qualityGates().postLoad()));
        return checks;
    }

    /**
     * Evaluates {@code checks} on each table of {@code tables} that exists, in one engine session.
     *
     * @return the results by table, in the order of {@code tables}
     */
    public Map<TableId, List<CheckResult>> test(List<TableId> tables, Function<TableId, List<CheckSpec>> checks) {
        String testId = "test-" + RunIds.next(services.clock());
        Map<TableId, List<CheckResult>> results = new LinkedHashMap<>();
        try (EngineSession session = services.engine().openSession(services.scratchDir(testId))) {
            Map<TableId, WeirException> unreadable = attacher.attachReadable(session);
            CheckRunner runner = new CheckRunner(session, testId);
            for (TableId table : tables) {
                if (unreadable.containsKey(table)) {
                    String why = unreadable.get(table).render().replace(System.lineSeparator(), " — ");
                    results.put(
                            table,
                            checks.apply(table).stream()
                                    .map(check -> runner.notEvaluated(check, CheckPhase.TEST, why))
                                    .toList());
                    continue;
                }
                if (services.tables().load(table).isEmpty()) {
                    continue;
                }
                CheckTarget target = new CheckTarget(
                        table.toString(), Optional.empty(), attachPrevious(session, table), Optional.empty());
                List<CheckResult> tableResults = new ArrayList<>();
                for (CheckSpec check : checks.apply(table)) {
                    tableResults.add(runner.evaluate(check, CheckPhase.TEST, target));
                }
                results.put(table, tableResults);
            }
        } finally {
            ScratchFiles.delete(services.scratchDir(testId));
        }
        services.metastore()
                .saveCheckResults(
                        results.values().stream().flatMap(List::stream).toList());
        return results;
    }

    /**
     * The newest earlier snapshot of {@code table} on which every one of {@code checks} passes,
     * looking back at most {@code maxSnapshots} snapshots: where a rollback would lead after a
     * P0 failure. Volume-change and drift rules compare each snapshot with the one before it.
     */
    public Optional<SnapshotInfo> lastGoodSnapshot(TableId table, List<CheckSpec> checks, int maxSnapshots) {
        List<SnapshotInfo> history = services.tables().history(table);
        TableState current = services.tables().load(table).orElseThrow();
        String testId = "test-" + RunIds.next(services.clock());
        try (EngineSession session = services.engine().openSession(services.scratchDir(testId))) {
            attacher.attachReadable(session);
            CheckRunner runner = new CheckRunner(session, testId);
            for (int i = history.size() - 2; i >= 0 && i >= history.size() - 1 - maxSnapshots; i--) {
                TableId candidate = new TableId(CANDIDATE_NAMESPACE, table.name());
                attachSnapshot(session, candidate, current, history.get(i).snapshotId());
                Optional<String> before = Optional.empty();
                if (i > 0) {
                    TableId previous = new TableId(PREVIOUS_NAMESPACE, table.name());
                    attachSnapshot(
                            session, previous, current, history.get(i - 1).snapshotId());
                    before = Optional.of(previous.toString());
                }
                CheckTarget target = new CheckTarget(candidate.toString(), Optional.empty(), before, Optional.empty());
                if (checks.stream()
                        .allMatch(
                                c -> runner.evaluate(c, CheckPhase.TEST, target).passed())) {
                    return Optional.of(history.get(i));
                }
            }
        } finally {
            ScratchFiles.delete(services.scratchDir(testId));
        }
        return Optional.empty();
    }

    private void attachSnapshot(EngineSession session, TableId name, TableState current, long snapshotId) {
        TableState state =
                new TableState(current.id(), current.layout(), OptionalLong.of(snapshotId), current.dataDir());
        session.attachTable(name, current.layout().schema(), services.tables().dataFiles(state, Optional.empty()));
    }

    /** The snapshot before the current one, attached as {@code __weir_previous.<table>}; empty for a table with one snapshot. */
    private Optional<String> attachPrevious(EngineSession session, TableId table) {
        List<SnapshotInfo> history = services.tables().history(table);
        TableState current = services.tables().load(table).orElseThrow();
        if (history.size() < 2) {
            return Optional.empty();
        }
        TableId name = new TableId(PREVIOUS_NAMESPACE, table.name());
        attachSnapshot(session, name, current, history.get(history.size() - 2).snapshotId());
        return Optional.of(name.toString());
    }
}
