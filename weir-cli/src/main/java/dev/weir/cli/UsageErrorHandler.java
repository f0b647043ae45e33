package dev.weir.cli;

import dev.weir.core.error.ErrorCategory;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Bad command-line arguments: one line saying what is wrong and how to get help; exit 2. */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println("error: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("hint: run `" + cli.getCommandSpec().qualifiedName() + " --help` for usage");
        err.flush();
        return ErrorCategory.USAGE.exitCode();
    }
}
