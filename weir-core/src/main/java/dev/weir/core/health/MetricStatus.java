package dev.weir.core.health;

/** How one health metric stands against the seed's target and alert threshold. */
public enum MetricStatus {
    OK,
    /** Off target but not past the alert threshold. */
    WARN,
    /** Past the alert threshold. */
    BREACH,
    /** Nothing to measure yet (no runs, no checks, no commit) or no target declared to measure against. */
    NO_DATA;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
