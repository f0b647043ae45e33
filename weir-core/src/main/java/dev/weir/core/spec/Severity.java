package dev.weir.core.spec;

/**
 * How serious a failed check or a pipeline's trouble is (the seed's quality severity levels). P0 stops
 * the pipeline and publishes nothing; P1 alerts at once and blocks unless its check says
 * {@code block: false}; P2 loads and goes into the daily alert digest; P3 is only logged. Each has
 * the response time of the seed's Alert Severity table.
 */
public enum Severity {
    P0("15 minutes"),
    P1("1 hour"),
    P2("4 hours"),
    P3("next business day");

    private final String responseTime;

    Severity(String responseTime) {
        this.responseTime = responseTime;
    }

    /** How soon someone should respond, e.g. {@code 15 minutes}. */
    public String responseTime() {
        return responseTime;
    }

    /**
     * The severity of a pipeline's own alerts (a failed run, a skipped batch) by its {@code tier}:
     * tier 1 pages, {@code P0} when {@code critical} (a P0 check blocked the run) and {@code P1}
     * otherwise; tier 2 is {@code P2}; tier 3 and beyond {@code P3}.
     */
    public static Severity ofTier(int tier, boolean critical) {
        if (tier <= 1) {
            return critical ? P0 : P1;
        }
        return tier == 2 ? P2 : P3;
    }

    /** Whether a failure of this severity stops the load when the check does not say otherwise. */
    public boolean blocksByDefault() {
        return this == P0 || this == P1;
    }
}
