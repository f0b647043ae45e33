package dev.weir.core.spi;

/** The kind of table change a commit makes. */
public enum CommitKind {
    /** Adds files; removes none. */
    APPEND,
    /** Removes the listed files and adds new ones, failing if another writer changed them meanwhile. */
    OVERWRITE,
    /** Replaces every file of the table. */
    REPLACE_ALL,
    /** Replaces every partition that the added files touch. */
    REPLACE_PARTITIONS
}
