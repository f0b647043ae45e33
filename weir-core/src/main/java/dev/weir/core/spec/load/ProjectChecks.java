package dev.weir.core.spec.load;

import dev.weir.core.error.Location;
import dev.weir.core.error.SpecProblem;
import dev.weir.core.plan.DependencyGraph;
import dev.weir.core.plan.DidYouMean;
import dev.weir.core.plan.TableReferences;
import dev.weir.core.spec.TableId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The checks that need every pipeline or every contract at once: unique names and targets, known
 * upstream pipelines and tables, no dependency cycles, and at most one contract per table.
 */
final class ProjectChecks {
    private final List<SpecProblem> problems;

    ProjectChecks(List<SpecProblem> problems) {
        this.problems = Objects.requireNonNull(problems, "problems is null");
    }

    void check(List<PipelineDraft> drafts) {
        unique(
                drafts,
                PipelineDraft::name,
                (text, others) -> problem(
                        text.location(),
                        "Duplicate pipeline name '" + text.text() + "'",
                        "also defined in " + others + "; pipeline names must be unique"));
        unique(
                drafts,
                PipelineDraft::target,
                (text, others) -> problem(
                        text.location(),
                        "Table '" + text.text() + "' is also loaded in " + others,
                        "each table has one writer pipeline; load another table, or merge the pipelines"));

        Map<String, PipelineDraft> byName = new LinkedHashMap<>();
        drafts.forEach(d -> d.name().ifPresent(n -> byName.putIfAbsent(n.text(), d)));
        Map<TableId, String> writers = new LinkedHashMap<>();
        drafts.forEach(d -> d.target()
                .ifPresent(t -> d.name().ifPresent(n -> writers.putIfAbsent(TableId.parse(t.text()), n.text()))));
        TableReferences references = new TableReferences(writers.keySet());

        Map<String, Map<String, Location>> edges = new LinkedHashMap<>();
        for (PipelineDraft draft : byName.values()) {
            String name = draft.name().orElseThrow().text();
            Map<String, Location> upstream = new LinkedHashMap<>();
            for (LocatedText dependency : draft.dependsOn()) {
                checkDependency(name, dependency, byName.keySet());
                upstream.putIfAbsent(dependency.text(), dependency.location());
            }
            for (LocatedText read : tablesRead(draft, references)) {
                Optional.ofNullable(writers.get(TableId.parse(read.text())))
                        .ifPresentOrElse(
                                writer -> upstream.putIfAbsent(writer, read.location()),
                                () -> unknownTable(read, writers.keySet()));
            }
            edges.put(name, upstream);
        }
        reportCycles(edges);
    }

    /** {@code contracts} in file order: a table's first contract governs it, each later one is reported. */
    void checkContracts(List<ContractDraft> contracts) {
        unique(
                contracts,
                ContractDraft::name,
                (text, others) -> problem(
                        text.location(),
                        "Duplicate contract name '" + text.text() + "'",
                        "also defined in " + others + "; contract names must be unique"));
        for (List<LocatedText> same : byValue(contracts, ContractDraft::table).values()) {
            LocatedText first = same.get(0);
            for (LocatedText later : same.subList(1, same.size())) {
                problem(
                        later.location(),
                        "Table '" + later.text() + "' already has a contract in "
                                + first.location().file(),
                        "a table has one contract; merge the two, or name another table");
            }
        }
    }

    private interface DuplicateReport {
        void report(LocatedText text, String others);
    }

    private static <D> void unique(List<D> drafts, Function<D, Optional<LocatedText>> value, DuplicateReport report) {
        for (List<LocatedText> same : byValue(drafts, value).values()) {
            for (LocatedText text : same) {
                if (same.size() > 1) {
                    report.report(
                            text,
                            String.join(
                                    ", ",
                                    same.stream()
                                            .filter(t -> t != text)
                                            .map(t -> t.location().file())
                                            .toList()));
                }
            }
        }
    }

    private static <D> Map<String, List<LocatedText>> byValue(
            List<D> drafts, Function<D, Optional<LocatedText>> value) {
        Map<String, List<LocatedText>> byValue = new LinkedHashMap<>();
        drafts.forEach(d -> value.apply(d)
                .ifPresent(v -> byValue.computeIfAbsent(v.text(), k -> new ArrayList<>())
                        .add(v)));
        return byValue;
    }

    private void checkDependency(String name, LocatedText dependency, Set<String> pipelines) {
        if (dependency.text().equals(name)) {
            problem(
                    dependency.location(),
                    "Pipeline '" + name + "' depends on itself",
                    "remove '" + name + "' from depends_on");
        } else if (!pipelines.contains(dependency.text())) {
            Set<String> others = new TreeSet<>(pipelines);
            others.remove(name);
            problem(
                    dependency.location(),
                    "Unknown pipeline '" + dependency.text() + "'",
                    DidYouMean.hint(dependency.text(), others)
                            .orElse("other pipelines in this project: " + String.join(", ", others)));
        }
    }

    private static List<LocatedText> tablesRead(PipelineDraft draft, TableReferences references) {
        List<LocatedText> reads = new ArrayList<>();
        draft.tableRead().ifPresent(reads::add);
        for (LocatedText sql : draft.stageSql()) {
            references.find(sql.text()).forEach(t -> reads.add(new LocatedText(t.toString(), sql.location())));
        }
        return reads;
    }

    private void unknownTable(LocatedText read, Set<TableId> known) {
        List<String> tables = known.stream().map(TableId::toString).sorted().toList();
        String hint = DidYouMean.hint(read.text(), tables)
                .orElse(
                        tables.isEmpty()
                                ? "no pipeline in this project loads a table yet"
                                : "no pipeline in this project loads it; tables: " + String.join(", ", tables));
        problem(read.location(), "Unknown table '" + read.text() + "'", hint);
    }

    // Each pipeline on a cycle gets its own problem, at the dependency that leads into the cycle.
    private void reportCycles(Map<String, Map<String, Location>> edges) {
        Map<String, Set<String>> upstream = new LinkedHashMap<>();
        edges.forEach((name, deps) -> upstream.put(name, new LinkedHashSet<>(deps.keySet())));
        DependencyGraph graph = new DependencyGraph(upstream);
        for (String name : graph.pipelines()) {
            graph.cycleThrough(name)
                    .ifPresent(
                            cycle -> problem(
                                    edges.get(name).get(cycle.get(1)),
                                    "Dependency cycle: " + String.join(" -> ", cycle),
                                    "-> means depends on (through depends_on or a table read); remove one of these dependencies"));
        }
    }

    private void problem(Location location, String message, String hint) {
        problems.add(new SpecProblem(location, message, hint));
    }
}
