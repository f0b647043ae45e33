package dev.weir.cli;

import dev.weir.connectors.file.FileSource;
import dev.weir.core.run.FailPoints;
import dev.weir.core.run.RunLog;
import dev.weir.core.run.RunServices;
import dev.weir.core.spec.PipelineSpec;
import dev.weir.core.spec.ProjectSpec;
import dev.weir.core.spec.TableId;
import dev.weir.core.spec.load.ProjectLoader;
import dev.weir.core.spi.Batch;
import dev.weir.core.spi.Engine;
import dev.weir.core.spi.Metastore;
import dev.weir.core.spi.Source;
import dev.weir.core.spi.TableStore;
import dev.weir.duckdb.DuckDbEngine;
import dev.weir.lakehouse.IcebergTableStore;
import dev.weir.metastore.SqlMetastore;
import java.time.Clock;
import java.time.ZoneOffset;

/** An opened project: its specs and the stores and engine its commands use. Only this class wires implementations. */
final class Workspace implements AutoCloseable {
    private final ProjectSpec project;
    private final Metastore metastore;
    private final TableStore tables;
    private final Engine engine;
    private final FailPoints failPoints;

    private Workspace(ProjectSpec project, Metastore metastore, TableStore tables, Engine engine, FailPoints failPoints) {
        this.project = project;
        this.metastore = metastore;
        this.tables = tables;
        this.engine = engine;
        this.failPoints = failPoints;
    }

    static ProjectSpec loadSpecs(ProjectOptions options) {
        return new ProjectLoader(name -> options.environment().get(name)).load(options.root());
    }

    static Workspace open(ProjectOptions options) {
        ProjectSpec project = loadSpecs(options);
        Metastore metastore = SqlMetastore.open(project.metastoreUrl());
        try {
            TableStore tables = IcebergTableStore.open(project.warehouse(), project.metastoreUrl());
            Engine engine = new DuckDbEngine(options.environment().get("WEIR_DUCKDB_MEMORY_LIMIT"));
            return new Workspace(project, metastore, tables, engine, new FailPoints(options.failPoint()));
        } catch (RuntimeException e) {
            metastore.close();
            throw e;
        }
    }

    ProjectSpec project() {
        return project;
    }

    Metastore metastore() {
        return metastore;
    }

    TableStore tables() {
        return tables;
    }

    Engine engine() {
        return engine;
    }

    RunServices runServices() {
        return new RunServices(metastore, tables, engine, this::source, new RunLog(project.logsDir().resolve("runs.jsonl")),
                project.stateDir(), Clock.tickMillis(ZoneOffset.UTC), failPoints);
    }

    private Source source(PipelineSpec pipeline) {
        if (pipeline.extract().readsWeirTable()) {
            Batch.Table table = new Batch.Table(TableId.parse(pipeline.extract().connection()));
            return previous -> table;
        }
        return new FileSource(project.root(), pipeline.extract());
    }

    @Override
    public void close() {
        try {
            tables.close();
        } finally {
            metastore.close();
        }
    }
}
