package dev.weir.core.alert;

import dev.weir.core.spi.Alert;
import java.util.regex.Pattern;

/** The words channels share: an alert's one-line subject and the key under which repeats are counted. */
public final class AlertText {
    private static final Pattern NUMBER = Pattern.compile("[0-9]+");

    private AlertText() {}

    /** e.g. {@code [P1] silver_orders: run failed, nothing was published: ...}. */
    public static String subject(Alert alert) {
        return "[" + alert.severity() + "] " + alert.pipeline() + ": " + alert.title();
    }

    /**
     * Alerts alike but for their run: the same pipeline, kind, table and title once its numbers
     * (row counts, run ids, line numbers) are set aside.
     */
    public static String dedupKey(Alert alert) {
        return String.join(
                "|",
                alert.pipeline(),
                alert.kind().wireName(),
                alert.table(),
                NUMBER.matcher(alert.title()).replaceAll("#"));
    }
}
