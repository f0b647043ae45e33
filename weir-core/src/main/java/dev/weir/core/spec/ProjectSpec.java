package dev.weir.core.spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A whole Weir project: {@code weir.yaml} (with its {@code alerts:} settings), every pipeline under {@code pipelines/} and every
 * contract under {@code contracts/}. Paths are absolute. {@code metastoreUrl} never holds a password:
 * a server's login is {@code metastoreLogin}.
 */
public record ProjectSpec(
        Path root,
        String name,
        String engine,
        Path stateDir,
        Path warehouse,
        String metastoreUrl,
        List<PipelineSpec> pipelines,
        List<ContractSpec> contracts,
        SchedulerSettings scheduler,
        AlertSettings alerts,
        Optional<DatabaseLogin> metastoreLogin) {
    public ProjectSpec {
        Objects.requireNonNull(root, "root is null");
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(engine, "engine is null");
        Objects.requireNonNull(stateDir, "stateDir is null");
        Objects.requireNonNull(warehouse, "warehouse is null");
        Objects.requireNonNull(metastoreUrl, "metastoreUrl is null");
        pipelines = List.copyOf(pipelines);
        contracts = List.copyOf(contracts);
        Objects.requireNonNull(scheduler, "scheduler is null");
        Objects.requireNonNull(alerts, "alerts is null");
        Objects.requireNonNull(metastoreLogin, "metastoreLogin is null");
    }

    /** A project whose metastore needs no login (a SQLite file). */
    public ProjectSpec(
            Path root,
            String name,
            String engine,
            Path stateDir,
            Path warehouse,
            String metastoreUrl,
            List<PipelineSpec> pipelines,
            List<ContractSpec> contracts,
            SchedulerSettings scheduler,
            AlertSettings alerts) {
        this(
                root,
                name,
                engine,
                stateDir,
                warehouse,
                metastoreUrl,
                pipelines,
                contracts,
                scheduler,
                alerts,
                Optional.empty());
    }

    /** A project with the default {@code scheduler:} and {@code alerts:} settings. */
    public ProjectSpec(
            Path root,
            String name,
            String engine,
            Path stateDir,
            Path warehouse,
            String metastoreUrl,
            List<PipelineSpec> pipelines,
            List<ContractSpec> contracts) {
        this(
                root,
                name,
                engine,
                stateDir,
                warehouse,
                metastoreUrl,
                pipelines,
                contracts,
                SchedulerSettings.DEFAULTS,
                AlertSettings.DEFAULTS);
    }

    /** A project without contracts. */
    public ProjectSpec(
            Path root,
            String name,
            String engine,
            Path stateDir,
            Path warehouse,
            String metastoreUrl,
            List<PipelineSpec> pipelines) {
        this(root, name, engine, stateDir, warehouse, metastoreUrl, pipelines, List.of());
    }

    /** The contract of {@code table}, if one is declared (at most one is: the loader checks). */
    public Optional<ContractSpec> contractFor(TableId table) {
        return contracts.stream().filter(c -> c.table().equals(table)).findFirst();
    }

    public Optional<PipelineSpec> pipeline(String name) {
        return pipelines.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public Optional<PipelineSpec> writerOf(TableId table) {
        return pipelines.stream().filter(p -> p.load().target().equals(table)).findFirst();
    }

    public Path logsDir() {
        return stateDir.resolve("logs");
    }
}
