package dev.weir.core.spec;

/** How a batch lands in its target table (seed template: load.strategy). */
public enum LoadStrategy {
    APPEND("append"),
    UPSERT("upsert"),
    MERGE("merge"),
    TRUNCATE_RELOAD("truncate-reload"),
    PARTITION_SWAP("partition-swap"),
    /** Slowly changing dimension, type 2: every change of a key is a new version with its validity, the old ones kept. */
    SCD2("scd2");

    private final String yamlName;

    LoadStrategy(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    public boolean needsMergeKeys() {
        return this == UPSERT || this == MERGE || this == SCD2;
    }
}
