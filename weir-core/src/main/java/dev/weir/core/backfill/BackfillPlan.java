package dev.weir.core.backfill;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.plan.DependencyGraph;
import dev.weir.core.spec.LoadSpec;
import dev.weir.core.spec.PartitionField;
import dev.weir.core.spec.PipelineSpec;
import dev.weir.core.spec.ProjectSpec;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The scope of a backfill (its pipeline, chunks and table) and its impact (what downstream changes
 * and how it catches up), or why it is refused. A chunk must be idempotent: loading it again
 * leaves the same table. Upsert and merge replace the chunk's keys; partition-swap replaces the
 * chunk's partitions when they are partitions of the incremental key no coarser than a chunk.
 * Append would duplicate the chunk's rows, truncate-reload would replace the whole table with one
 * chunk, and scd2 would open versions older than the ones the table holds: all three are refused,
 * as are deletes reconciled against the source (every key outside a chunk would look deleted).
 */
public record BackfillPlan(
        BackfillRequest request, PipelineSpec pipeline, ZoneId zone, List<Chunks.Chunk> chunks, BackfillImpact impact) {
    private static final Set<PartitionField.Transform> DAY_OR_FINER =
            Set.of(PartitionField.Transform.IDENTITY, PartitionField.Transform.HOUR, PartitionField.Transform.DAY);

    public BackfillPlan {
        chunks = List.copyOf(chunks);
    }

    /**
     * Plans {@code request} in {@code project}, its days in the scheduler's time zone.
     *
     * @param readsWindows whether a pipeline's source can read a window of its incremental key
     * @throws WeirException {@code UNKNOWN_PIPELINE} or {@code USAGE} (with a hint) when it cannot be backfilled
     */
    public static BackfillPlan of(ProjectSpec project, BackfillRequest request, Predicate<PipelineSpec> readsWindows) {
        PipelineSpec pipeline = project.pipeline(request.pipeline())
                .orElseThrow(() -> WeirException.withHint(
                        ErrorCode.UNKNOWN_PIPELINE,
                        "No pipeline named '" + request.pipeline() + "'",
                        "weir validate lists them"));
        if (request.end().isBefore(request.start())) {
            throw refusal(pipeline, "--end " + request.end() + " is before --start " + request.start(), "swap them");
        }
        if (pipeline.extract().keyColumn().isEmpty()) {
            throw refusal(
                    pipeline,
                    "it has no incremental key to cut into days",
                    "a backfill reloads the rows whose extract.incremental_key falls on the days asked; declare"
                            + " 'strategy: incremental' and 'incremental_key: COLUMN', or reload it whole with weir run");
        }
        ZoneId zone = project.scheduler().timeZone();
        refuseUnlessIdempotent(pipeline, request.size(), zone);
        if (!readsWindows.test(pipeline)) {
            throw refusal(
                    pipeline,
                    "its source (source_system " + pipeline.extract().sourceSystem()
                            + ") cannot read a window of its incremental key",
                    "backfill a pipeline that reads a Weir table or a database incrementally");
        }
        List<Chunks.Chunk> chunks = Chunks.of(request.start(), request.end(), request.size());
        return new BackfillPlan(
                request, pipeline, zone, chunks, BackfillImpact.of(project, DependencyGraph.of(project), pipeline));
    }

    private static void refuseUnlessIdempotent(PipelineSpec pipeline, ChunkSize size, ZoneId zone) {
        LoadSpec load = pipeline.load();
        switch (load.strategy()) {
            case APPEND ->
                throw refusal(
                        pipeline,
                        "load.strategy append would add the chunk's rows again next to the ones the table holds",
                        "load with upsert or merge (merge_keys) so that a chunk replaces its rows");
            case TRUNCATE_RELOAD ->
                throw refusal(
                        pipeline,
                        "load.strategy truncate-reload would replace the whole table with one chunk",
                        "reload it whole with `weir run " + pipeline.name() + "`, or load with upsert or merge");
            case SCD2 ->
                throw refusal(
                        pipeline,
                        "load.strategy scd2 would open versions older than the ones the table holds",
                        "rebuild the history with `weir table rollback` and `weir run`, or backfill the layer above");
            case PARTITION_SWAP ->
                refuseCoarsePartitions(pipeline, load.partitionKey().orElseThrow(), size, zone);
            case UPSERT, MERGE -> {}
        }
        if (pipeline.extract().reconcileDeletes().isPresent()) {
            throw refusal(
                    pipeline,
                    "extract.reconcile_deletes would take every key outside a chunk for deleted",
                    "backfill a pipeline that does not reconcile deletes");
        }
    }

    private static void refuseCoarsePartitions(
            PipelineSpec pipeline, PartitionField partition, ChunkSize size, ZoneId zone) {
        boolean onKey = pipeline.extract()
                .keyColumn()
                .filter(partition.column()::equals)
                .isPresent();
        boolean fits = DAY_OR_FINER.contains(partition.transform())
                || (partition.transform() == PartitionField.Transform.MONTH && size == ChunkSize.MONTH);
        if (!onKey || !fits) {
            throw refusal(
                    pipeline,
                    "partition-swap on " + partition + " would replace partitions with the rows of one "
                            + size.wireName() + " of "
                            + pipeline.extract().keyColumn().orElse("its key"),
                    "backfill a table partitioned on its incremental key by day (or by month with --chunk month)");
        }
        if (partition.transform() != PartitionField.Transform.IDENTITY
                && !zone.normalized().equals(ZoneOffset.UTC)) {
            throw refusal(
                    pipeline,
                    "its " + partition + " partitions are UTC days, and scheduler.time_zone " + zone
                            + " cuts chunks that straddle two of them",
                    "set scheduler.time_zone: UTC in weir.yaml for the backfill");
        }
    }

    private static WeirException refusal(PipelineSpec pipeline, String why, String hint) {
        return WeirException.withHint(
                ErrorCode.USAGE, "Cannot backfill pipeline '" + pipeline.name() + "': " + why, hint);
    }
}
