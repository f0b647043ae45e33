package dev.weir.cli;

import dev.weir.core.error.DiskFull;
import dev.weir.core.error.ErrorCategory;
import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.SpecException;
import dev.weir.core.error.WeirException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;

/**
 * Maps every failure to its exit code in one place and prints it for a person: a user mistake as
 * {@code location: message} plus a hint, never a stack trace; an internal error with a stack trace
 * only under {@code --debug}.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        boolean debug = debugRequested(parseResult);
        if (e instanceof SpecException spec) {
            err.println(spec.render());
            err.println(
                    spec.problems().size() == 1
                            ? "1 problem found."
                            : spec.problems().size() + " problems found.");
            err.flush();
            return ErrorCategory.USAGE.exitCode();
        }
        Optional<WeirException> diskFull = DiskFull.of(
                "Cannot go on",
                e,
                List.of(Path.of("").toAbsolutePath(), Path.of(System.getProperty("java.io.tmpdir"))));
        if (diskFull.isPresent() && !(e instanceof WeirException weir && weir.code() == ErrorCode.DISK_FULL)) {
            return handleExecutionException(diskFull.get(), commandLine, parseResult);
        }
        if (e instanceof WeirException weir) {
            err.println("error: " + weir.render());
            if (debug && weir.getCause() != null) {
                weir.printStackTrace(err);
            }
            err.flush();
            return weir.code().category().exitCode();
        }
        err.println("internal error: " + e);
        if (debug) {
            e.printStackTrace(err);
        } else {
            err.println("hint: this is a bug in Weir; rerun with --debug and report the stack trace");
        }
        err.flush();
        return ErrorCategory.INTERNAL.exitCode();
    }

    static boolean debugRequested(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult p = parseResult; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }
}
