package dev.weir.connectors.jdbc;

import java.util.Arrays;
import java.util.List;

/** {@code extract.null_cursor}: what an incremental read does with a row whose cursor is NULL. */
enum NullCursorPolicy {
    /**
     * Every incremental run reads such rows and hands each one over as a {@code null_key} reject: it
     * fails the run under fail-fast and is quarantined (once) under dead-letter; never silently lost.
     */
    REJECT("reject"),
    /**
     * Incremental runs leave such rows out; full reads load them: the first run of an incremental
     * pipeline (no watermark yet) and every run of a {@code strategy: full} pipeline.
     */
    LOAD_ON_FULL("load_on_full");

    private final String yamlName;

    NullCursorPolicy(String yamlName) {
        this.yamlName = yamlName;
    }

    String yamlName() {
        return yamlName;
    }

    static List<String> yamlNames() {
        return Arrays.stream(values()).map(NullCursorPolicy::yamlName).toList();
    }

    static NullCursorPolicy ofYaml(String name) {
        return Arrays.stream(values())
                .filter(p -> p.yamlName.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Invalid null_cursor: " + name));
    }
}
