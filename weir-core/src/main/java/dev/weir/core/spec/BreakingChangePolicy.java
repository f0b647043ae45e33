package dev.weir.core.spec;

/** What a contract promises its consumers about breaking schema changes (seed: breaking_change_policy). */
public enum BreakingChangePolicy {
    /** Breaking changes are announced 30 days ahead; a run never applies one on its own. */
    NOTIFY_30_DAYS("notify-30-days"),
    /** A breaking change needs a new contract version. */
    VERSION_BUMP("version-bump"),
    /** The schema only ever grows compatibly. */
    NEVER_BREAK("never-break");

    private final String yamlName;

    BreakingChangePolicy(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }
}
