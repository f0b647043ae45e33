package dev.weir.cli;

import java.nio.file.Path;
import java.util.Optional;

/** What every project command shares: the project directory, --debug and the environment. */
record ProjectOptions(Path project, boolean debug, Main.Environment environment) {
    Path root() {
        return project.toAbsolutePath().normalize();
    }

    /** The fail point armed for crash tests: {@code WEIR_FAIL_POINT}. */
    Optional<String> failPoint() {
        return environment.get("WEIR_FAIL_POINT");
    }

    /** The options given to the {@code weir} command that {@code spec} belongs to. */
    static ProjectOptions of(picocli.CommandLine.Model.CommandSpec spec) {
        return ((WeirCommand) spec.root().userObject()).options();
    }
}
