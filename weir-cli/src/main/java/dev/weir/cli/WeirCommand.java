package dev.weir.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The top-level {@code weir} command. */
@Command(
        name = "weir",
        // inherited, so that `weir <command> --help` works as the footer and every error hint say
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Declarative data pipelines into Apache Iceberg tables.",
        subcommands = {
            RunCommand.class,
            SchedulerCommand.class,
            BackfillCommand.class,
            CdcCommand.class,
            ValidateCommand.class,
            RunsCommand.class,
            QueryCommand.class,
            TableCommand.class,
            TestCommand.class,
            ChecksCommand.class,
            RejectsCommand.class,
            SchemaCommand.class,
            DoctorCommand.class,
            StatusCommand.class,
            WhyCommand.class,
        },
        footer = {
            "",
            "Exit codes: 0 success, 1 run failed, 2 usage or spec error, 3 internal error.",
            "Run `weir <command> --help` for a command's options."
        })
final class WeirCommand implements Runnable {
    private final Main.Environment environment;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = {"-p", "--project"},
            paramLabel = "DIR",
            scope = ScopeType.INHERIT,
            description = "Project directory holding weir.yaml (default: current directory).")
    Path project = Path.of(".");

    @Option(
            names = "--debug",
            scope = ScopeType.INHERIT,
            description = "Print stack traces of errors (set WEIR_LOG_LEVEL=DEBUG for library logs).")
    boolean debug;

    WeirCommand(Main.Environment environment) {
        this.environment = environment;
    }

    ProjectOptions options() {
        return new ProjectOptions(project, debug, environment);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
