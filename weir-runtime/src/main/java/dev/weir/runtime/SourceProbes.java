package dev.weir.runtime;

import dev.weir.core.error.Location;
import dev.weir.core.error.SpecProblem;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.PipelineSpec;
import dev.weir.core.spec.ProjectSpec;
import dev.weir.core.spi.Cancellation;
import dev.weir.core.spi.HealthFinding;
import dev.weir.core.spi.Source;
import dev.weir.core.spi.SourceContext;
import dev.weir.core.spi.SourceProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What the sources do at their origins outside a run. {@code weir validate --connect}: each
 * pipeline whose source can {@link SourceProbe probe} connects and checks its relation as a first
 * run would, reading no row; what it would refuse becomes a problem of the pipeline's file. Also
 * {@code weir doctor}'s checks of what sources hold at their origins, and {@code weir cdc drop}.
 * Opens no store of the project.
 */
final class SourceProbes {

    private final Plugins plugins;
    private final Function<String, Optional<String>> environment;

    SourceProbes(Plugins plugins, Function<String, Optional<String>> environment) {
        this.plugins = plugins;
        this.environment = environment;
    }

    List<SpecProblem> probe(ProjectSpec project) {
        List<SpecProblem> problems = new ArrayList<>();
        Path scratch = scratchDirectory();
        try {
            for (PipelineSpec pipeline : project.pipelines()) {
                SourceContext context =
                        new SourceContext(pipeline.name(), project.root(), scratch, environment, Cancellation.NEVER);
                try (Source source = plugins.source(pipeline, context)) {
                    if (source instanceof SourceProbe probe) {
                        probe.probe();
                    }
                } catch (WeirException e) {
                    problems.add(new SpecProblem(
                            Location.ofFile(project.root()
                                    .relativize(pipeline.file())
                                    .toString()
                                    .replace('\\', '/')),
                            "extract: " + e.getMessage(),
                            e.hint().orElse("")));
                }
            }
        } finally {
            delete(scratch);
        }
        return problems;
    }

    /** {@code weir cdc drop}: what {@code pipeline}'s source made at its origin, dropped. */
    List<String> dropOrigin(ProjectSpec project, PipelineSpec pipeline) {
        Path scratch = scratchDirectory();
        try {
            return plugins.dropOrigin(
                    pipeline,
                    new SourceContext(pipeline.name(), project.root(), scratch, environment, Cancellation.NEVER));
        } finally {
            delete(scratch);
        }
    }

    /** {@code weir doctor}: what the sources hold at their origins for pipelines the project no longer has. */
    List<HealthFinding> checkOrigins(ProjectSpec project) {
        Path scratch = scratchDirectory();
        try {
            return plugins.checkOrigins(
                    project.pipelines(),
                    name -> new SourceContext(name, project.root(), scratch, environment, Cancellation.NEVER));
        } finally {
            delete(scratch);
        }
    }

    private static Path scratchDirectory() {
        try {
            return Files.createTempDirectory("weir-probe");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a temporary directory left behind holds nothing of the project
        }
    }
}
