package dev.weir.core.spi;

/** The kind of table change a commit makes. */
public enum CommitKind {
    /** Adds files; removes none. */
    APPEND,
    /**
     * Removes the listed files (and the delete files that apply to them) and adds new ones,
     * failing if another writer changed the table meanwhile: a copy-on-write change.
     */
    OVERWRITE,
    /**
     * Adds files and position deletes against files of the base snapshot, failing if another
     * writer changed the table meanwhile: a merge-on-read change.
     */
    ROW_DELTA,
    /**
     * Replaces the listed files and the delete files that apply to them with files holding the
     * same live rows (compaction), failing if another writer deleted rows of them meanwhile.
     */
    REWRITE,
    /** Replaces every file of the table. */
    REPLACE_ALL,
    /** Replaces every partition that the added files touch. */
    REPLACE_PARTITIONS
}
