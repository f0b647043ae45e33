package dev.weir.cli;

import dev.weir.core.run.FailPoints;
import dev.weir.core.spec.ProjectSpec;
import dev.weir.runtime.WeirRuntime;
import java.nio.file.Path;
import java.util.Optional;

/** What every project command shares: the project directory, --debug and the environment. */
record ProjectOptions(Path project, boolean debug, Main.Environment environment) {
    Path root() {
        return project.toAbsolutePath().normalize();
    }

    /** The fail point armed for crash tests: {@code WEIR_FAIL_POINT}. Only the command line arms fail points. */
    Optional<String> failPoint() {
        return environment.get("WEIR_FAIL_POINT");
    }

    /** The project's specs, loaded and validated. */
    ProjectSpec loadProject() {
        return WeirRuntime.loadProject(root(), environment::get);
    }

    /** The project, opened with its stores, engines and sources. */
    WeirRuntime open() {
        return runtime().open();
    }

    WeirRuntime.Options runtime() {
        return WeirRuntime.options(root()).environment(environment::get).failPoints(new FailPoints(failPoint()));
    }

    /** The options given to the {@code weir} command that {@code spec} belongs to. */
    static ProjectOptions of(picocli.CommandLine.Model.CommandSpec spec) {
        return ((WeirCommand) spec.root().userObject()).options();
    }
}
