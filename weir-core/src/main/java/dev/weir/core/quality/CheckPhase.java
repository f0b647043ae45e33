package dev.weir.core.quality;

/** When a check ran: on the batch before the load, on the table before publishing, or by {@code weir test}. */
public enum CheckPhase {
    PRE_LOAD("pre_load"),
    POST_LOAD("post_load"),
    TEST("test");

    private final String yamlName;

    CheckPhase(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }
}
