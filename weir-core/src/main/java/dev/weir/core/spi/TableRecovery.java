package dev.weir.core.spi;

import dev.weir.core.spec.TableId;
import java.util.List;

/**
 * An optional ability of a {@link TableCatalog}: finding tables whose metadata cannot be read and
 * bringing them back from the earlier metadata files the table format keeps, and finding and
 * removing the files no table references. Safe to use from
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

    /**
     * The files under the table's location that nothing of it references (its current metadata
     * file, the files of its metadata log, their snapshots and everything those need), oldest first;
     * read-only. A commit in progress writes such files for a moment.
     *
     * @throws dev.weir.core.error.WeirException {@code TABLE_UNREADABLE} when what the table
     *     references cannot be read (then nothing can be said unreferenced)
     */
    List<UnreferencedFile> unreferencedFiles(TableId table);

    /**
     * Deletes the {@link #unreferencedFiles} of the table written before {@code writtenBefore}, a
     * safety age before now, so that a commit in progress is never touched.
     *
     * @return the files deleted
     */
    List<UnreferencedFile> removeUnreferencedFiles(TableId table, java.time.Instant writtenBefore);
}
