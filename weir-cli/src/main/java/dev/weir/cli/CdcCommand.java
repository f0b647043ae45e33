package dev.weir.cli;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.ExtractStrategy;
import dev.weir.core.spec.PipelineSpec;
import dev.weir.core.spec.ProjectSpec;
import dev.weir.runtime.WeirRuntime;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "cdc",
        description =
                "Manage what change data capture pipelines (extract.strategy: cdc) hold in their source database.",
        subcommands = {CdcCommand.Drop.class})
final class CdcCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    @Command(
            name = "drop",
            description = {
                "Drop the replication slot and publication a CDC pipeline made in its database (both named"
                        + " weir_<pipeline>), so that the server no longer keeps WAL for it.",
                "Do it when you remove the pipeline: a slot nobody reads keeps every WAL segment from its position"
                        + " on, until the disk fills. The pipeline's table keeps its rows; a later run of the"
                        + " pipeline fails, since the changes after the table's position are gone, until the table is"
                        + " dropped and loaded again from a new snapshot."
            })
    static final class Drop implements Callable<Integer> {
        @Parameters(paramLabel = "PIPELINE", description = "The CDC pipeline whose slot to drop.")
        String pipeline;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            ProjectOptions options = ProjectOptions.of(spec);
            ProjectSpec project = options.loadProject();
            PipelineSpec found = project.pipeline(pipeline)
                    .orElseThrow(() -> WeirException.withHint(
                            ErrorCode.UNKNOWN_PIPELINE,
                            "No pipeline named '" + pipeline + "'",
                            "weir validate lists them"));
            if (found.extract().strategy() != ExtractStrategy.CDC) {
                throw WeirException.withHint(
                        ErrorCode.USAGE,
                        "Pipeline '" + pipeline + "' does not capture changes (its extract.strategy is "
                                + found.extract().strategy().yamlName() + ")",
                        "weir cdc drop applies to pipelines with 'strategy: cdc'");
            }
            List<String> dropped = WeirRuntime.dropSourceOrigin(project, found, options.environment()::get);
            PrintWriter out = spec.commandLine().getOut();
            if (dropped.isEmpty()) {
                out.println("Nothing to drop: " + pipeline + " has no replication slot or publication");
            } else {
                dropped.forEach(d -> out.println("Dropped " + d));
            }
            out.flush();
            return 0;
        }
    }
}
