package dev.weir.core.plan;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.PipelineSpec;
import dev.weir.core.spec.ProjectSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/** Decides which pipelines a run executes and in which order: upstream first, ties by name. */
public final class ExecutionPlanner {

    /**
     * The pipelines to run, each after every pipeline it depends on (directly or through pipelines
     * that are not selected).
     *
     * @param selected pipeline names, each optionally with dbt's graph operators: {@code +name} adds
     *     every pipeline it depends on, {@code name+} every pipeline that depends on it; empty means
     *     every pipeline of the project
     * @throws WeirException {@code UNKNOWN_PIPELINE} for a name the project does not define,
     *     {@code SPEC_INVALID} when the selected pipelines depend on each other in a cycle
     */
    public List<PipelineSpec> order(ProjectSpec project, List<String> selected) {
        DependencyGraph graph = DependencyGraph.of(project);
        Set<String> chosen = new LinkedHashSet<>();
        if (selected.isEmpty()) {
            chosen.addAll(graph.pipelines());
        }
        for (String selector : selected) {
            boolean withUpstream = selector.startsWith("+");
            boolean withDownstream = selector.endsWith("+") && selector.length() > 1;
            String name = selector.substring(withUpstream ? 1 : 0, selector.length() - (withDownstream ? 1 : 0));
            requireKnown(graph, name);
            chosen.add(name);
            if (withUpstream) {
                chosen.addAll(graph.allUpstreamOf(name));
            }
            if (withDownstream) {
                chosen.addAll(graph.allDownstreamOf(name));
            }
        }

        Map<String, Set<String>> waitsFor = new HashMap<>();
        for (String name : chosen) {
            Set<String> upstream = new LinkedHashSet<>(graph.allUpstreamOf(name));
            upstream.retainAll(chosen);
            upstream.remove(name);
            waitsFor.put(name, upstream);
        }
        PriorityQueue<String> ready = new PriorityQueue<>();
        waitsFor.forEach((name, upstream) -> {
            if (upstream.isEmpty()) {
                ready.add(name);
            }
        });
        List<PipelineSpec> ordered = new ArrayList<>();
        while (!ready.isEmpty()) {
            String next = ready.poll();
            ordered.add(project.pipeline(next).orElseThrow());
            waitsFor.remove(next);
            waitsFor.forEach((name, upstream) -> {
                if (upstream.remove(next) && upstream.isEmpty()) {
                    ready.add(name);
                }
            });
        }
        if (!waitsFor.isEmpty()) {
            // Pipelines left waiting wait, at least in part, on one another: some of them lie on a cycle.
            String cycle = waitsFor.keySet().stream()
                    .sorted()
                    .map(graph::cycleThrough)
                    .flatMap(Optional::stream)
                    .map(c -> String.join(" -> ", c))
                    .findFirst()
                    .orElseThrow();
            throw WeirException.withHint(
                    ErrorCode.SPEC_INVALID,
                    "Cannot order pipelines: dependency cycle " + cycle,
                    "remove one of these dependencies (-> means depends on)");
        }
        return ordered;
    }

    private static void requireKnown(DependencyGraph graph, String name) {
        if (!graph.pipelines().contains(name)) {
            String hint = DidYouMean.hint(name, graph.pipelines())
                    .orElse(
                            graph.pipelines().isEmpty()
                                    ? "the project has no pipelines yet; add one under pipelines/"
                                    : "pipelines in this project: " + String.join(", ", graph.pipelines()));
            throw WeirException.withHint(ErrorCode.UNKNOWN_PIPELINE, "Unknown pipeline '" + name + "'", hint);
        }
    }
}
