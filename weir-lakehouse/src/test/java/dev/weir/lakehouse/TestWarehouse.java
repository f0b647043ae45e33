package dev.weir.lakehouse;

import dev.weir.core.spec.DatabaseLogin;
import dev.weir.core.spec.PartitionField;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.Column;
import dev.weir.core.spi.CommitKind;
import dev.weir.core.spi.DataFileRef;
import dev.weir.core.spi.TableCommit;
import dev.weir.core.spi.TableSchema;
import dev.weir.core.spi.TableState;
import dev.weir.core.spi.WrittenFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FileAppender;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.parquet.Parquet;

/**
 * A warehouse and SQLite catalog in a temporary directory, with a store over them and a second,
 * independent catalog through which tests look at the Iceberg tables directly.
 */
final class TestWarehouse implements AutoCloseable {
    static final TableId ORDERS = new TableId("shop", "orders");
    static final TableSchema ORDERS_SCHEMA = new TableSchema(List.of(
            new Column(0, "order_id", "long", true),
            new Column(0, "customer", "string", false),
            new Column(0, "amount", "decimal(10,2)", false),
            new Column(0, "order_date", "date", false)));

    final Path warehouse;
    final String url;
    final IcebergTableStore store;
    private final JdbcCatalog catalog;

    TestWarehouse(Path dir) {
        this(dir, "jdbc:sqlite:" + dir.resolve("weir.db"), Optional.empty());
    }

    /** A warehouse under {@code dir} whose catalog is in the database at {@code url}. */
    TestWarehouse(Path dir, String url, Optional<DatabaseLogin> login) {
        this.warehouse = dir.resolve("warehouse");
        this.url = url;
        this.store = new IcebergTableStore(IcebergCatalog.open(warehouse, url, login), true);
        this.catalog = JdbcCatalogs.open(warehouse, CatalogDatabase.of(url, login));
    }

    TableState createOrders(Optional<PartitionField> partition) {
        return store.create(ORDERS, ORDERS_SCHEMA, partition, List.of("order_id"));
    }

    /** An order row; {@code amount} and {@code date} as text for brevity. */
    Record order(long id, String customer, String amount, String date) {
        return row(ORDERS, id, customer, new BigDecimal(amount), LocalDate.parse(date));
    }

    Table icebergTable(TableId id) {
        return catalog.loadTable(TableIdentifier.of(id.namespace(), id.name()));
    }

    /** Writes {@code rows} as a zstd Parquet file with field ids, the way the DuckDB engine writes data files. */
    static WrittenFile writeParquet(Path file, Schema schema, List<Record> rows, Object... partitionValues) {
        try {
            Files.createDirectories(file.getParent());
            try (FileAppender<Record> appender = Parquet.write(org.apache.iceberg.Files.localOutput(file.toFile()))
                    .schema(schema)
                    .createWriterFunc(GenericParquetWriter::create)
                    .set(TableProperties.PARQUET_COMPRESSION, "zstd")
                    .build()) {
                appender.addAll(rows);
            }
            return new WrittenFile(file.toString(), rows.size(), Files.size(file), Arrays.asList(partitionValues));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code rows} into the table's data directory as file {@code name}. */
    WrittenFile write(TableState state, String name, List<Record> rows, Object... partitionValues) {
        Schema schema = icebergTable(state.id()).schema();
        return writeParquet(state.dataDir().resolve(name), schema, rows, partitionValues);
    }

    /** A record of the table's schema with {@code values} in column order. */
    Record row(TableId table, Object... values) {
        Record record = GenericRecord.create(icebergTable(table).schema());
        for (int i = 0; i < values.length; i++) {
            record.set(i, values[i]);
        }
        return record;
    }

    List<Record> readAll(TableId table) {
        List<Record> rows = new ArrayList<>();
        try (CloseableIterable<Record> records =
                IcebergGenerics.read(icebergTable(table)).build()) {
            records.forEach(r -> rows.add(r.copy()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    static TableCommit commit(
            TableState base, CommitKind kind, String runId, List<WrittenFile> added, List<DataFileRef> removed) {
        Map<String, String> summary = new HashMap<>();
        summary.put(TableCommit.RUN_ID, runId);
        summary.put(TableCommit.PIPELINE, "orders");
        return new TableCommit(base.id(), base.snapshotId(), kind, added, removed, summary);
    }

    static TableCommit append(TableState base, String runId, WrittenFile... files) {
        return commit(base, CommitKind.APPEND, runId, List.of(files), List.of());
    }

    @Override
    public void close() {
        store.close();
        catalog.close();
    }
}
