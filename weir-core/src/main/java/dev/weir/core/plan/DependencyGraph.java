package dev.weir.core.plan;

import dev.weir.core.spec.CheckSpec;
import dev.weir.core.spec.PipelineSpec;
import dev.weir.core.spec.ProjectSpec;
import dev.weir.core.spec.StageSpec;
import dev.weir.core.spec.TableId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which pipelines each pipeline waits for. A pipeline depends on its {@code depends_on} entries and
 * on the writer of every Weir table it reads (the tables its source reads, the tables its stage SQL
 * names, and the tables its checks and its target's contract checks read), never on itself.
 */
public final class DependencyGraph {
    private final Map<String, Set<String>> upstream;
    /** Each pipeline's input tables that another pipeline of the project writes, with their writer. */
    private final Map<String, Map<TableId, String>> inputs;

    /**
     * @param upstream every pipeline mapped to the pipelines it depends on directly; names that are
     *     not keys and self-references are dropped
     */
    public DependencyGraph(Map<String, ? extends Collection<String>> upstream) {
        this(upstream, Map.of());
    }

    private DependencyGraph(
            Map<String, ? extends Collection<String>> upstream, Map<String, Map<TableId, String>> inputs) {
        this.inputs = Map.copyOf(inputs);
        Map<String, Set<String>> edges = new TreeMap<>();
        upstream.forEach((name, deps) -> {
            Set<String> kept = new TreeSet<>();
            deps.stream()
                    .filter(d -> !d.equals(name) && upstream.containsKey(d))
                    .forEach(kept::add);
            edges.put(name, Collections.unmodifiableSet(kept));
        });
        this.upstream = Collections.unmodifiableMap(edges);
    }

    public static DependencyGraph of(ProjectSpec project) {
        Set<TableId> targets = project.pipelines().stream()
                .map(p -> p.load().target())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        TableReferences references = new TableReferences(targets);
        Map<String, Set<String>> upstream = new HashMap<>();
        Map<String, Map<TableId, String>> inputs = new HashMap<>();
        for (PipelineSpec pipeline : project.pipelines()) {
            Set<String> deps = new TreeSet<>(pipeline.pipeline().dependsOn());
            Map<TableId, String> written = new TreeMap<>(java.util.Comparator.comparing(TableId::toString));
            for (TableId table : tablesRead(project, pipeline, references)) {
                project.writerOf(table)
                        .filter(w -> !w.name().equals(pipeline.name()))
                        .ifPresent(writer -> {
                            deps.add(writer.name());
                            written.put(table, writer.name());
                        });
            }
            upstream.put(pipeline.name(), deps);
            inputs.put(pipeline.name(), Collections.unmodifiableMap(written));
        }
        return new DependencyGraph(upstream, inputs);
    }

    /** The tables {@code pipeline} reads that other pipelines write, sorted, each with its writer. */
    public Map<TableId, String> inputsOf(String pipeline) {
        return inputs.getOrDefault(pipeline, Map.of());
    }

    /** Every pipeline that depends on {@code pipeline}, directly or through others. */
    public Set<String> allDownstreamOf(String pipeline) {
        Set<String> found = new TreeSet<>();
        for (String name : pipelines()) {
            if (!name.equals(pipeline) && allUpstreamOf(name).contains(pipeline)) {
                found.add(name);
            }
        }
        return found;
    }

    /** Pipeline names, sorted. */
    public Set<String> pipelines() {
        return upstream.keySet();
    }

    /** The pipelines {@code pipeline} depends on directly, sorted; empty for an unknown name. */
    public Set<String> upstreamOf(String pipeline) {
        return upstream.getOrDefault(pipeline, Set.of());
    }

    /** Every pipeline {@code pipeline} depends on, directly or through others (itself only on a cycle). */
    public Set<String> allUpstreamOf(String pipeline) {
        Set<String> seen = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(upstreamOf(pipeline));
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (seen.add(next)) {
                todo.addAll(upstreamOf(next));
            }
        }
        return seen;
    }

    /**
     * A shortest dependency cycle through {@code pipeline}, written from it back to it
     * ({@code [a, b, a]}: a depends on b, b on a), or empty when it is on no cycle.
     */
    public Optional<List<String>> cycleThrough(String pipeline) {
        Map<String, String> reachedFrom = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>();
        queue.add(pipeline);
        while (!queue.isEmpty()) {
            String current = queue.poll();
            for (String next : upstreamOf(current)) {
                if (next.equals(pipeline)) {
                    return Optional.of(pathBack(pipeline, current, reachedFrom));
                }
                if (!reachedFrom.containsKey(next)) {
                    reachedFrom.put(next, current);
                    queue.add(next);
                }
            }
        }
        return Optional.empty();
    }

    private static List<String> pathBack(String start, String last, Map<String, String> reachedFrom) {
        List<String> path = new ArrayList<>();
        path.add(start);
        for (String at = last; !at.equals(start); at = reachedFrom.get(at)) {
            path.add(1, at);
        }
        path.add(start);
        return path;
    }

    private static Set<TableId> tablesRead(ProjectSpec project, PipelineSpec pipeline, TableReferences references) {
        Set<TableId> tables = new LinkedHashSet<>();
        tables.addAll(pipeline.extract().options().tablesRead());
        List<CheckSpec> checks = new ArrayList<>(pipeline.qualityGates().preLoad());
        checks.addAll(pipeline.qualityGates().postLoad());
        project.contracts().stream()
                .filter(c -> c.table().equals(pipeline.load().target()))
                .forEach(c -> checks.addAll(c.allChecks()));
        checks.forEach(check -> check.tableRead().ifPresent(tables::add));
        for (StageSpec stage : pipeline.transform().stages()) {
            tables.addAll(references.find(stage.sql()));
        }
        return tables;
    }
}
