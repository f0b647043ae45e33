package dev.weir.core.spec.load;

import dev.weir.core.spec.PipelineSpec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the project-wide checks need from one pipeline file, with locations, whether or not the
 * file was valid enough to build its {@link PipelineSpec}.
 *
 * @param tableRead the Weir table the pipeline's source reads, at {@code extract.connection}
 * @param stageSql each stage's SQL, located at its {@code sql} or {@code sql_file} value
 */
record PipelineDraft(
        String file,
        Optional<LocatedText> name,
        Optional<LocatedText> target,
        List<LocatedText> dependsOn,
        Optional<LocatedText> tableRead,
        List<LocatedText> stageSql,
        Optional<PipelineSpec> spec) {
    PipelineDraft {
        Objects.requireNonNull(file, "file is null");
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(target, "target is null");
        dependsOn = List.copyOf(dependsOn);
        Objects.requireNonNull(tableRead, "tableRead is null");
        stageSql = List.copyOf(stageSql);
        Objects.requireNonNull(spec, "spec is null");
    }

    static PipelineDraft unreadable(String file) {
        return new PipelineDraft(
                file, Optional.empty(), Optional.empty(), List.of(), Optional.empty(), List.of(), Optional.empty());
    }
}
