package dev.weir.core.spi;

import dev.weir.core.spec.PartitionField;
import dev.weir.core.spec.TableId;
import java.util.List;
import java.util.Optional;

/**
 * One run's write session on Weir's tables, opened from a {@link TableCatalog}: creates and evolves
 * tables, previews and commits changes atomically, and cleans up after a run that did not commit.
 * It sees its own unpublished creations and schema changes, which other sessions see only once its
 * commit publishes them. Used by one thread; closing it forgets what it did not publish.
 */
public interface TableStore extends TableReader, AutoCloseable {
    /**
     * Creates {@code table} with the given columns (their ids are ignored and assigned), partition
     * field and sort keys. Creating a table that exists fails.
     */
    TableState create(TableId table, TableSchema schema, Optional<PartitionField> partition, List<String> sortKeys);

    /**
     * Like {@link #create}, but the table is published atomically with its first {@link #commit}:
     * until then only this store sees it, so a first load that fails or is killed leaves no empty
     * table behind.
     */
    TableState createWithFirstCommit(
            TableId table, TableSchema schema, Optional<PartitionField> partition, List<String> sortKeys);

    /**
     * The data files {@code commit} would leave its table with, each with the position deletes
     * that would apply to it, computed without committing or writing anything: what a
     * write-audit-publish audit reads before the commit is made.
     */
    List<DataFileRef> preview(TableCommit commit);

    /**
     * Commits {@code commit} atomically. A commit whose run id already appears in the table's
     * history is not applied again (a safe retry); the returned snapshot id is then that of the
     * earlier commit.
     *
     * @throws dev.weir.core.error.WeirException {@code COMMIT_FAILED} when the change conflicts
     *     with a concurrent commit or the catalog cannot be updated
     */
    long commit(TableCommit commit);

    /**
     * Evolves the schema of {@code table} by {@code changes}, none of them breaking: adds the
     * added columns (optional, so that rows loaded before read NULL), renames the renamed ones
     * (keeping their field ids, so their data stays) and widens the widened types. Like a
     * creation, the change is published atomically with the table's next {@link #commit}; until
     * then only this store sees it.
     *
     * @return the table's new state
     */
    TableState evolve(TableState table, List<dev.weir.core.schema.SchemaChange> changes);

    /**
     * Deletes the data files that run {@code runId} wrote under {@code table}'s data directory,
     * unless that run committed; also when the table was never published (its first load failed).
     * Used to clean up after a run that failed or was killed; a creation or schema change of the
     * table that this store has not published yet is forgotten too.
     *
     * @return the number of files deleted
     */
    int removeUncommittedFiles(TableId table, String runId);

    /**
     * Deletes the files under {@code table}'s location written at or after {@code writtenSince} that
     * nothing of the table references (no metadata file, current or in its log, no snapshot of
     * theirs): the manifests, manifest lists and metadata files of a commit that never completed.
     * Only under the table writer's lock, after a run that started at {@code writtenSince} died or
     * failed: nothing else can have written since. When what the table references cannot be read,
     * nothing is deleted.
     *
     * @return the number of files deleted
     */
    int removeUnreferencedFiles(TableId table, java.time.Instant writtenSince);

    @Override
    void close();
}
