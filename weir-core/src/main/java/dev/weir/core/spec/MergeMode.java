package dev.weir.core.spec;

/**
 * How upsert and merge loads change rows that already exist (Iceberg's {@code write.merge.mode}).
 */
public enum MergeMode {
    /**
     * Old rows are marked deleted by position-delete files and new rows appended: work follows the
     * size of the batch, and readers skip the deleted positions until a compaction rewrites the files.
     */
    MERGE_ON_READ("merge-on-read"),
    /** Every data file holding a changed key is rewritten without it: reads stay plain, writes cost more. */
    COPY_ON_WRITE("copy-on-write");

    private final String yamlName;

    MergeMode(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }
}
