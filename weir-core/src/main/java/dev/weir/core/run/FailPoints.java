package dev.weir.core.run;

import java.util.Optional;

/**
 * Named points in a run where a crash can be injected, to prove that a run killed there converges
 * on rerun. When armed with a point's name, reaching it halts the JVM at once, as SIGKILL would:
 * no shutdown hooks, no finally blocks.
 */
public final class FailPoints {
    public static final String AFTER_EXTRACT = "after-extract";
    public static final String AFTER_WRITE_BEFORE_COMMIT = "after-write-before-commit";
    public static final String AFTER_COMMIT_BEFORE_METASTORE = "after-commit-before-metastore";

    private static final int KILLED_EXIT_CODE = 137;

    private final Optional<String> armed;

    public FailPoints(Optional<String> armed) {
        this.armed = armed;
    }

    public static FailPoints none() {
        return new FailPoints(Optional.empty());
    }

    void reach(String point) {
        if (armed.isPresent() && armed.get().equals(point)) {
            Runtime.getRuntime().halt(KILLED_EXIT_CODE);
        }
    }
}
