package dev.weir.examples.shop;

import dev.weir.core.run.TableAttacher;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.EngineSession;
import dev.weir.core.spi.SnapshotInfo;
import dev.weir.duckdb.DuckDbEngine;
import dev.weir.lakehouse.IcebergTableStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
        this.session = new DuckDbEngine(Optional.of("1GB"))
                .openSession(project.resolve(".weir/tmp/test-" + System.nanoTime()));
        new TableAttacher(store).attachAll(session);
    }

    List<List<String>> rows(String sql) {
        return session.query(sql, 1_000_000).rows();
    }

    long count(String table) {
        return Long.parseLong(rows("SELECT count(*) FROM " + table).get(0).get(0));
    }

    String value(String sql) {
        return rows(sql).get(0).get(0);
    }

    /** SHA-256 over the table's rows sorted by every column: equal digests mean equal contents. */
    String digest(String table) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (List<String> row : rows("SELECT * FROM " + table + " ORDER BY ALL")) {
                sha.update(String.join(
                                "\u0001",
                                row.stream().map(v -> v == null ? "\u0000" : v).toList())
                        .getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '\n');
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Digest of every table, by name. */
    Map<String, String> digests() {
        Map<String, String> all = new TreeMap<>();
        for (TableId id : store.tables()) {
            all.put(id.toString(), digest(id.toString()));
        }
        return all;
    }

    List<SnapshotInfo> history(String table) {
        return store.history(TableId.parse(table));
    }

    List<TableId> tables() {
        return store.tables();
    }

    @Override
    public void close() {
        session.close();
        store.close();
    }
}
