package dev.weir.core.spi;

import dev.weir.core.spec.TableId;
import java.util.List;

/**
 * An optional ability of a {@link TableCatalog}: finding tables whose metadata cannot be read and
 * bringing them back from the earlier metadata files the table format keeps. Safe to use from
 * several threads; {@link #restore} is atomic against other writers.
 */
public interface TableRecovery {
    /**
     * The table's metadata files, newest first: the current one, then the earlier ones of its
     * metadata log, each read once (none is retried).
     *
     * @throws dev.weir.core.error.WeirException {@code UNKNOWN_TABLE} when the catalog has no such table
     */
    List<MetadataVersion> metadataLog(TableId table);

    /**
     * Makes {@code file}, a readable metadata file of the table's {@link #metadataLog}, current,
     * provided the current one is still {@code expectedCurrent}. Files are neither written nor deleted.
     *
     * @throws dev.weir.core.error.WeirException {@code COMMIT_CONFLICT} when the table's current
     *     metadata file changed meanwhile; {@code USAGE} when {@code file} is not a readable file of the log
     */
    void restore(TableId table, String expectedCurrent, String file);

    /**
     * Checks every table (its current metadata file and the files of its current snapshot) and the
     * catalog's database; read-only.
     *
     * @return one finding per table and per database checked, problems and healthy ones alike
     */
    List<HealthFinding> check();
}
