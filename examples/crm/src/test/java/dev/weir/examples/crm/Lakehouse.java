package dev.weir.examples.crm;

import dev.weir.core.run.TableAttacher;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.EngineSession;
import dev.weir.duckdb.DuckDbEngine;
import dev.weir.lakehouse.IcebergTableStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Reads a project's tables the way Weir does (Iceberg metadata, DuckDB over the data files) for assertions. */
final class Lakehouse implements AutoCloseable {
    private final IcebergTableStore store;
    private final EngineSession session;

    Lakehouse(Path project) {
        this.store = IcebergTableStore.open(
                project.resolve(".weir/warehouse"), "jdbc:sqlite:" + project.resolve(".weir/weir.db"));
        this.session = new DuckDbEngine(Optional.of("512MB"))
                .openSession(project.resolve(".weir/tmp/test-" + System.nanoTime()));
        new TableAttacher(store).attachAll(session);
    }

    /** The rows of {@code sql}, each value as text (NULL as null). */
    List<List<String>> rows(String sql) {
        return session.query(sql, 1_000_000).rows();
    }

    String value(String sql) {
        return rows(sql).get(0).get(0);
    }

    long count(String table) {
        return Long.parseLong(value("SELECT count(*) FROM " + table));
    }

    /** How many snapshots each table has. */
    Map<String, Integer> snapshotCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        for (TableId id : store.tables()) {
            counts.put(id.toString(), store.history(id).size());
        }
        return counts;
    }

    @Override
    public void close() {
        session.close();
        store.close();
    }
}
