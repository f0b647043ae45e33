package dev.weir.connectors.jdbc;

import dev.weir.core.spec.ExtractSpec;
import dev.weir.core.spec.load.ProjectLoader;
import dev.weir.core.spec.load.SpecPlugins;
import dev.weir.core.spi.Batch;
import dev.weir.core.spi.Cancellation;
import dev.weir.core.spi.Column;
import dev.weir.core.spi.Position;
import dev.weir.core.spi.SourceBatch;
import dev.weir.core.spi.SourceContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A project a test writes into a directory, loaded by the real spec loader with the JDBC source
 * installed; {@link #extract} then runs the source as the runner does, without an engine: open
 * from the committed position, read every record, resolve the end position.
 */
final class JdbcProject {
    private final Path root;
    private final Map<String, String> environment;

    JdbcProject(Path root, Map<String, String> environment) {
        this.root = root;
        this.environment = environment;
        write("weir.yaml", "name: jdbc_test\n");
    }

    JdbcProject write(String relative, String content) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code connections/<name>.yaml} for {@code url}, as the server's superuser. */
    JdbcProject connection(String name, String url) {
        return write("connections/" + name + ".yaml", "url: " + url + "\nuser: postgres\n");
    }

    /** Writes pipeline {@code name} whose extract section is {@code extract} (YAML lines, indented two spaces). */
    JdbcProject pipeline(String name, String extract) {
        return write(
                "pipelines/" + name + ".yaml",
                "pipeline:\n  name: " + name + "\nextract:\n  source_system: jdbc\n" + extract
                        + "load:\n  target: bronze." + name + "\n  strategy: upsert\n  merge_keys: [id]\n");
    }

    ExtractSpec extractSpec(String pipeline) {
        return new ProjectLoader(n -> Optional.ofNullable(environment.get(n)), plugins())
                .load(root).pipelines().stream()
                        .filter(p -> p.name().equals(pipeline))
                        .findFirst()
                        .orElseThrow()
                        .extract();
    }

    static SpecPlugins plugins() {
        return SpecPlugins.of(List.of(new JdbcSourceFactory()), List.of("duckdb"), List.of());
    }

    /** What one run of a pipeline's source read. */
    record Extract(List<Column> columns, CollectingSink read, Optional<Position> end, List<String> warnings) {
        List<Object[]> rows() {
            return read.rows;
        }

        /** The values of column {@code name}, row by row. */
        List<Object> column(String name) {
            int index = columns.stream().map(Column::name).toList().indexOf(name);
            return read.rows.stream().map(r -> r[index]).toList();
        }
    }

    Extract extract(String pipeline, Optional<Position> previous) {
        ExtractSpec spec = extractSpec(pipeline);
        SourceContext context = new SourceContext(
                pipeline,
                root,
                root.resolve(".weir/scratch"),
                n -> Optional.ofNullable(environment.get(n)),
                Cancellation.NEVER);
        try (var source = new JdbcSourceFactory().open(spec, context)) {
            SourceBatch batch = source.open(previous);
            Batch.Records records = (Batch.Records) batch.batch();
            CollectingSink sink = new CollectingSink();
            records.reader().read(sink);
            return new Extract(records.columns(), sink, batch.end().resolve(null), batch.warnings());
        }
    }
}
