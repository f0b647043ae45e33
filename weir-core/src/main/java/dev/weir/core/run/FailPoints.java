package dev.weir.core.run;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Named points in a run where a crash, a pause or a transient failure can be injected, to prove
 * that a run killed there converges on rerun, that concurrent runs exclude each other and that
 * retries recover. Armed with {@code point[@pipeline][:pause=millis|:conflicts=n]}: reaching the
 * point (in that pipeline, when named) halts the JVM at once, as SIGKILL would (no shutdown hooks,
 * no finally blocks); with {@code :pause} it sleeps and goes on; with {@code :conflicts} the first
 * {@code n} times it fails as a commit conflict would, and then goes on.
 */
public final class FailPoints {
    public static final String AFTER_EXTRACT = "after-extract";
    public static final String AFTER_WRITE_BEFORE_COMMIT = "after-write-before-commit";
    public static final String AFTER_QUARANTINE_BEFORE_COMMIT = "after-quarantine-before-commit";
    public static final String AFTER_COMMIT_BEFORE_METASTORE = "after-commit-before-metastore";
    /** When a closed run's record is in the run log but not yet in the metastore. */
    public static final String AFTER_LOG_BEFORE_METASTORE = "after-log-before-metastore";
    /** In {@code weir table compact}, after the rewritten files are written; "pipeline" is the table's writer. */
    public static final String COMPACT_BEFORE_COMMIT = "compact-before-commit";

    private static final Pattern SYNTAX =
            Pattern.compile("([a-z-]+)(?:@([a-z0-9_]+))?(?::pause=(\\d+)|:conflicts=(\\d+))?");
    private static final int KILLED_EXIT_CODE = 137;

    private final Optional<Armed> armed;

    private record Armed(String point, Optional<String> pipeline, long pauseMillis, int conflicts) {}

    private int conflictsRaised;

    public FailPoints(Optional<String> spec) {
        this.armed = spec.map(FailPoints::parse);
    }

    public static FailPoints none() {
        return new FailPoints(Optional.empty());
    }

    private static Armed parse(String spec) {
        Matcher m = SYNTAX.matcher(spec.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "Invalid fail point '" + spec + "': expected point[@pipeline][:pause=millis|:conflicts=n]");
        }
        return new Armed(
                m.group(1),
                Optional.ofNullable(m.group(2)),
                m.group(3) == null ? 0 : Long.parseLong(m.group(3)),
                m.group(4) == null ? 0 : Integer.parseInt(m.group(4)));
    }

    void reach(String point, String pipeline) {
        if (armed.isEmpty()
                || !armed.get().point().equals(point)
                || !armed.get().pipeline().map(pipeline::equals).orElse(true)) {
            return;
        }
        if (armed.get().conflicts() > 0) {
            if (conflictsRaised < armed.get().conflicts()) {
                conflictsRaised++;
                throw WeirException.withHint(
                        ErrorCode.COMMIT_CONFLICT,
                        "Injected commit conflict " + conflictsRaised + " of "
                                + armed.get().conflicts() + " at " + point,
                        "fail point " + point + " is armed");
            }
            return;
        }
        if (armed.get().pauseMillis() == 0) {
            Runtime.getRuntime().halt(KILLED_EXIT_CODE);
        }
        try {
            Thread.sleep(armed.get().pauseMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
