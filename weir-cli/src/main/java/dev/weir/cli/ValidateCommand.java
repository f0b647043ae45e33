package dev.weir.cli;

import dev.weir.core.error.SpecException;
import dev.weir.core.error.SpecProblem;
import dev.weir.core.plan.ExecutionPlanner;
import dev.weir.core.spec.ProjectSpec;
import dev.weir.runtime.WeirRuntime;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "validate",
        description = {
            "Load weir.yaml, every pipeline and every contract and report all problems at once,",
            "each as file:line:column: field: what is wrong — how to fix it. Exit 2 when any."
        })
final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--connect",
            description = {
                "Also connect to each database source, with its secrets, and check its table or query"
                        + " as a first run would (reading no row): a relation that is not there, a column no"
                        + " Iceberg type maps, a cursor or key column it lacks."
            })
    boolean connect;

    @Override
    public Integer call() {
        ProjectOptions options = ProjectOptions.of(spec);
        ProjectSpec project = options.loadProject();
        new ExecutionPlanner().order(project, List.of());
        if (connect) {
            List<SpecProblem> problems = WeirRuntime.probeSources(project, options.environment()::get);
            if (!problems.isEmpty()) {
                throw new SpecException(problems);
            }
        }
        spec.commandLine()
                .getOut()
                .printf(
                        "OK: project '%s', %d pipelines, %d contracts, no problems found%s.%n",
                        project.name(),
                        project.pipelines().size(),
                        project.contracts().size(),
                        connect ? ", every source reached" : "");
        spec.commandLine().getOut().flush();
        return 0;
    }
}
