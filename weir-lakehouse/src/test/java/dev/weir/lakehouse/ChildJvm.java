package dev.weir.lakehouse;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a test main class in a fresh JVM, its output going to a log file. */
final class ChildJvm {
    private ChildJvm() {}

    static Process start(String classpath, Class<?> mainClass, List<String> args, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass.getName());
        command.addAll(args);
        try {
            return new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Surefire and failsafe may run tests from a manifest-only jar; they publish the real classpath here. */
    static String testClasspath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /**
     * The module's runtime classpath (main-scope dependencies, as Maven resolved them for this
     * build; see the pom), plus main and test classes so that a test main class can run.
     */
    static String runtimeClasspath() {
        try {
            String dependencies = Files.readString(Path.of(requiredProperty("weir.runtime.classpath.file")))
                    .trim();
            return String.join(
                    File.pathSeparator,
                    requiredProperty("weir.main.classes"),
                    requiredProperty("weir.test.classes"),
                    dependencies);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException(
                    "System property " + name + " is not set: run this test through Maven (failsafe)");
        }
        return value;
    }
}
