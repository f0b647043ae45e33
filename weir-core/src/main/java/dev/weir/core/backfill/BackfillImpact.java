package dev.weir.core.backfill;

import dev.weir.core.plan.DependencyGraph;
import dev.weir.core.spec.ExtractSpec;
import dev.weir.core.spec.MetadataColumn;
import dev.weir.core.spec.PipelineSpec;
import dev.weir.core.spec.ProjectSpec;
import dev.weir.core.spec.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a backfill changes besides its own table: each pipeline downstream of it, the table it
 * writes, and how it catches up. A downstream pipeline that reads the backfilled table on an
 * incremental key does not see the rows the backfill rewrote, since they keep their keys, which lie
 * at or below its watermark; unless its key is the load time the backfill sets anew
 * ({@code _weir_loaded_at}). Such a pipeline must be backfilled too, and the impact says so.
 */
public record BackfillImpact(TableId table, List<Downstream> downstream) {
    /**
     * One downstream pipeline.
     *
     * @param missesRows true when its next run will not see the backfilled rows
     * @param catchUp how it picks the backfill up, for people
     */
    public record Downstream(String pipeline, TableId table, boolean missesRows, String catchUp) {
        public Downstream {
            Objects.requireNonNull(pipeline, "pipeline is null");
            Objects.requireNonNull(table, "table is null");
            Objects.requireNonNull(catchUp, "catchUp is null");
        }
    }

    public BackfillImpact {
        Objects.requireNonNull(table, "table is null");
        downstream = List.copyOf(downstream);
    }

    static BackfillImpact of(ProjectSpec project, DependencyGraph graph, PipelineSpec backfilled) {
        List<Downstream> found = new ArrayList<>();
        Set<String> all = graph.allDownstreamOf(backfilled.name());
        for (String name : all) {
            PipelineSpec pipeline = project.pipeline(name).orElseThrow();
            found.add(new Downstream(
                    name,
                    pipeline.load().target(),
                    missesRows(pipeline, backfilled),
                    catchUp(pipeline, backfilled, graph)));
        }
        return new BackfillImpact(backfilled.load().target(), found);
    }

    /** Pipelines that will not see the backfilled rows on their next run and need a backfill of their own. */
    public List<Downstream> missingRows() {
        return downstream.stream().filter(Downstream::missesRows).toList();
    }

    private static boolean missesRows(PipelineSpec pipeline, PipelineSpec backfilled) {
        ExtractSpec extract = pipeline.extract();
        boolean readsIt = extract.sourceSystem().equals(ExtractSpec.WEIR)
                && extract.options().tablesRead().contains(backfilled.load().target());
        Optional<String> key = extract.keyColumn();
        return readsIt && key.isPresent() && !key.get().equals(MetadataColumn.LOADED_AT.column());
    }

    private static String catchUp(PipelineSpec pipeline, PipelineSpec backfilled, DependencyGraph graph) {
        boolean direct = graph.upstreamOf(pipeline.name()).contains(backfilled.name());
        String when = pipeline.pipeline().schedule().afterUpstream()
                ? "the scheduler runs it when its input has new snapshots"
                : "run `weir run " + backfilled.name() + "+` (or its schedule will)";
        if (!direct) {
            return "changes when the pipelines between them have caught up; " + when;
        }
        if (missesRows(pipeline, backfilled)) {
            return "reads " + backfilled.load().target() + " incrementally on "
                    + pipeline.extract().keyColumn().orElseThrow()
                    + ": the backfilled rows keep their keys, at or below its watermark, so its next run misses"
                    + " them; backfill it too for the same days";
        }
        TableId table = backfilled.load().target();
        ExtractSpec extract = pipeline.extract();
        boolean extractsIt = extract.sourceSystem().equals(ExtractSpec.WEIR)
                && extract.options().tablesRead().contains(table);
        String how = !extractsIt
                ? "reads " + table + " in its SQL stages, as it stands at its next run: "
                : extract.keyColumn().isPresent()
                        ? "reads the rows loaded into " + table + " since its last run: "
                        : "reads " + table + " whole: ";
        return how + when;
    }
}
