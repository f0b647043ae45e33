package dev.weir.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Other engines read what Weir writes: Iceberg's own generic reader returns the rows DuckDB returns. */
class IcebergInteropIT {
    @TempDir
    Path dir;

    @Test
    void icebergGenericReaderReturnsTheSameRowsAsWeirForEveryDemoTable() {
        DemoProject demo = DemoProject.copyInto(dir.resolve("shop"));
        Weir.run(demo.root(), "run");
        Weir.Result second = Weir.run(demo.addSecondBatch().root(), "run");
        assertThat(second.exitCode()).as(second.toString()).isZero();

        try (Lakehouse lake = new Lakehouse(demo.root());
                IcebergTables iceberg = new IcebergTables(demo.root())) {
            assertThat(lake.tables()).hasSize(7);
            for (var table : lake.tables()) {
                List<List<String>> viaWeir = IcebergTables.sorted(lake.rows("SELECT * FROM " + table));
                List<List<String>> viaIceberg = IcebergTables.sorted(iceberg.rows(table.toString()));
                assertThat(viaIceberg).as(table.toString()).isNotEmpty().isEqualTo(viaWeir);
            }
            // the second batch updates rows of every silver table: the readers must agree on position deletes too
            for (String silver : List.of("silver.customers", "silver.orders", "silver.products")) {
                assertThat(iceberg.currentDeleteFiles(silver)).as(silver).isNotEmpty();
            }
        }
    }

    @Test
    void positionDeleteFilesCarryTheReservedFieldIdsAndEachNamesOneLiveDataFile() {
        DemoProject demo = DemoProject.copyInto(dir.resolve("shop"));
        Weir.run(demo.root(), "run");
        Weir.run(demo.addSecondBatch().root(), "run", "bronze_orders", "silver_orders");

        try (IcebergTables iceberg = new IcebergTables(demo.root());
                Lakehouse lake = new Lakehouse(demo.root())) {
            Set<String> deleteFiles = iceberg.currentDeleteFiles("silver.orders");
            assertThat(deleteFiles).hasSize(1);
            for (String file : deleteFiles) {
                assertThat(lake.rows("SELECT name, field_id FROM parquet_schema('" + file
                                + "') WHERE name <> 'duckdb_schema' ORDER BY 1"))
                        .containsExactly(List.of("file_path", "2147483546"), List.of("pos", "2147483545"));
                assertThat(lake.value("SELECT count(DISTINCT file_path) FROM read_parquet('" + file + "')"))
                        .isEqualTo("1");
                String dataFile = lake.value("SELECT DISTINCT file_path FROM read_parquet('" + file + "')");
                assertThat(iceberg.dataFilesOnDisk("silver.orders")).contains(dataFile);
                assertThat(lake.value("SELECT count(*) FROM read_parquet('" + file + "')"))
                        .isEqualTo(lake.value(
                                "SELECT count(*) FROM (SELECT DISTINCT pos FROM read_parquet('" + file + "'))"));
            }
        }
    }

    @Test
    void tablesAreFormatVersionTwoWithANameMappingAndFieldIdsInEveryFile() {
        DemoProject demo = DemoProject.copyInto(dir.resolve("shop"));
        Weir.run(demo.root(), "run");

        try (IcebergTables iceberg = new IcebergTables(demo.root());
                Lakehouse lake = new Lakehouse(demo.root())) {
            var table = iceberg.table("silver.orders");
            assertThat(((org.apache.iceberg.HasTableOperations) table)
                            .operations()
                            .current()
                            .formatVersion())
                    .isEqualTo(2);
            assertThat(table.properties()).containsKey("schema.name-mapping.default");
            for (String file : iceberg.dataFilesOnDisk("silver.orders")) {
                assertThat(lake.value("SELECT count(*) FROM parquet_schema('" + file
                                + "') WHERE field_id IS NULL AND name <> 'duckdb_schema'"))
                        .as(file)
                        .isEqualTo("0");
            }
        }
    }
}
