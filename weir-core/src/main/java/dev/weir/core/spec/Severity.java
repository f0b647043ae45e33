package dev.weir.core.spec;

/**
 * How serious a failed check is (the seed's quality severity levels). P0 stops the pipeline and
 * publishes nothing; P1 alerts at once and blocks unless its check says {@code block: false}; P2
 * loads and goes into the alert digest; P3 is only logged.
 */
public enum Severity {
    P0,
    P1,
    P2,
    P3;

    /** Whether a failure of this severity stops the load when the check does not say otherwise. */
    public boolean blocksByDefault() {
        return this == P0 || this == P1;
    }
}
