package dev.weir.core.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * {@code extract.reconcile_deletes}: every {@code everyRuns} runs, the keys the source holds are
 * compared with the table's, and the rows whose keys are gone from the source are deleted, marked
 * deleted, or (for scd2) closed. A guard refuses to remove more than {@code maxDeletePercent} of
 * the table's rows at once, since a source read only in part looks exactly like a mass delete.
 */
public record ReconcileDeletesSpec(int everyRuns, Mode mode, int maxDeletePercent) {
    public static final int DEFAULT_EVERY_RUNS = 1;
    public static final int DEFAULT_MAX_DELETE_PERCENT = 10;

    /** What happens to a row whose key is gone from the source. */
    public enum Mode {
        /** The row is deleted from the table (by position, or its file rewritten). */
        DELETE("delete"),
        /** The row stays, with the time the run found it gone in column {@code _deleted_at}. */
        SOFT_DELETE("soft_delete");

        private final String yamlName;

        Mode(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }

        public static List<String> yamlNames() {
            return Arrays.stream(values()).map(Mode::yamlName).toList();
        }
    }

    public ReconcileDeletesSpec {
        Objects.requireNonNull(mode, "mode is null");
        if (everyRuns < 1) {
            throw new IllegalArgumentException("everyRuns must be at least 1: " + everyRuns);
        }
        if (maxDeletePercent < 0 || maxDeletePercent > 100) {
            throw new IllegalArgumentException("maxDeletePercent must be 0 to 100: " + maxDeletePercent);
        }
    }
}
