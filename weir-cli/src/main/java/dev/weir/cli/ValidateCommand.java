package dev.weir.cli;

import dev.weir.core.plan.ExecutionPlanner;
import dev.weir.core.spec.ProjectSpec;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
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

    @Override
    public Integer call() {
        ProjectSpec project = ProjectOptions.of(spec).loadProject();
        new ExecutionPlanner().order(project, List.of());
        spec.commandLine()
                .getOut()
                .printf(
                        "OK: project '%s', %d pipelines, %d contracts, no problems found.%n",
                        project.name(),
                        project.pipelines().size(),
                        project.contracts().size());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
