package dev.weir.cli;

import java.util.Optional;
import picocli.CommandLine;

/** The {@code weir} launcher's entry point: the only place that reads the process environment and exits. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(commandLine(new Environment(System::getenv)).execute(args));
    }

    static CommandLine commandLine(Environment environment) {
        CommandLine cli = new CommandLine(WeirCommand.class, new CommandFactory(environment));
        cli.setExecutionExceptionHandler(new ErrorReporter());
        cli.setParameterExceptionHandler(new UsageErrorHandler());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // picocli lets `--help` pass over arguments it could not match, so `weir nosuchcommand --help`
        // would print the root usage and succeed: refuse them as it does without --help
        cli.setExecutionStrategy(parseResult -> {
            if (!parseResult.unmatched().isEmpty()) {
                throw new CommandLine.UnmatchedArgumentException(cli, parseResult.unmatched());
            }
            if (ErrorReporter.debugRequested(parseResult)) {
                LibraryLogs.showStackTraces();
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        return cli;
    }

    /** Process environment lookups, passed in so tests can set variables for a command. */
    record Environment(java.util.function.Function<String, String> variables) {
        Optional<String> get(String name) {
            return Optional.ofNullable(variables.apply(name)).filter(v -> !v.isBlank());
        }
    }
}
