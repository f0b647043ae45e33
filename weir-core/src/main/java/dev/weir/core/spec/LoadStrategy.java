package dev.weir.core.spec;

/** How a batch lands in its target table (seed template: load.strategy). */
public enum LoadStrategy {
    APPEND("append"),
    UPSERT("upsert"),
    MERGE("merge"),
    TRUNCATE_RELOAD("truncate-reload"),
    PARTITION_SWAP("partition-swap");

    private final String yamlName;

    LoadStrategy(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    public boolean needsMergeKeys() {
        return this == UPSERT || this == MERGE;
    }
}
