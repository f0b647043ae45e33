package dev.weir.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.core.spec.load.JsonSchemas;
import dev.weir.runtime.WeirRuntime;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "schema",
        description = {
            "Print the JSON Schema of a spec file, with the keys of every installed plugin",
            "(sources, engines, alert channels), for an editor to complete and check specs."
        })
final class SchemaCommand implements Callable<Integer> {
    enum Kind {
        project,
        pipeline,
        contract
    }

    @Parameters(
            paramLabel = "KIND",
            arity = "0..1",
            defaultValue = "pipeline",
            description = "project (weir.yaml), pipeline (default) or contract.")
    Kind kind;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        JsonSchemas schemas = WeirRuntime.jsonSchemas(ProjectOptions.of(spec).environment()::get);
        ObjectNode schema = switch (kind) {
            case project -> schemas.project();
            case pipeline -> schemas.pipeline();
            case contract -> schemas.contract();
        };
        spec.commandLine()
                .getOut()
                .println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(schema));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
