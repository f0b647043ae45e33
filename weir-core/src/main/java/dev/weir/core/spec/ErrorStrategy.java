package dev.weir.core.spec;

/** What a run does when something fails (seed template: error_handling.strategy). */
public enum ErrorStrategy {
    FAIL_FAST("fail-fast"),
    DEAD_LETTER("dead-letter"),
    RETRY("retry"),
    SKIP_AND_ALERT("skip-and-alert");

    private final String yamlName;

    ErrorStrategy(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }
}
