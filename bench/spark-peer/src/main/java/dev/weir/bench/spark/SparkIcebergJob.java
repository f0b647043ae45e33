package dev.weir.bench.spark;

import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One Spark job of the benchmark, in local mode, against an Iceberg JDBC catalog in a SQLite
 * file, the same kind of catalog Weir uses. Usage:
 * {@code SparkIcebergJob <load|load-by-day|merge|swap-day|digest> <warehouse dir> <catalog.db> <input.csv>}.
 * {@code digest} reads the table as it is (any input is ignored) and prints its row count, distinct
 * order ids and sum of amounts, so that a table another writer made can be checked through Spark.
 */
public final class SparkIcebergJob {
    static final String TABLE = "weir.bench.orders";
    static final String SCHEMA =
            "order_id BIGINT, customer_id BIGINT, order_ts TIMESTAMP, order_date DATE, amount DECIMAL(10,2), "
                    + "status STRING, country STRING, email STRING, note STRING, updated_at TIMESTAMP";

    private SparkIcebergJob() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println(
                    "usage: SparkIcebergJob <load|load-by-day|merge|swap-day|digest> <warehouse> <catalog.db> <input.csv>");
            System.exit(2);
        }
        String mode = args[0];
        try (SparkSession spark = session(Path.of(args[1]), Path.of(args[2]))) {
            if (mode.equals("digest")) {
                Row digest = spark.sql(
                                "SELECT count(*), count(DISTINCT order_id), CAST(sum(amount) AS STRING) FROM " + TABLE)
                        .first();
                System.out.println("digest " + digest.getLong(0) + " " + digest.getLong(1) + " " + digest.getString(2));
                return;
            }
            Dataset<Row> input =
                    spark.read().option("header", "true").schema(SCHEMA).csv(args[3]);
            switch (mode) {
                case "load":
                    spark.sql("CREATE TABLE IF NOT EXISTS " + TABLE + " (" + SCHEMA + ") USING iceberg" + PROPERTIES);
                    input.writeTo(TABLE).append();
                    break;
                case "load-by-day":
                    spark.sql("CREATE TABLE IF NOT EXISTS " + TABLE + " (" + SCHEMA
                            + ") USING iceberg PARTITIONED BY (days(order_date))" + PROPERTIES);
                    input.sortWithinPartitions("order_date").writeTo(TABLE).append();
                    break;
                case "merge":
                    input.createOrReplaceTempView("batch");
                    spark.sql("MERGE INTO " + TABLE + " t USING batch s ON t.order_id = s.order_id"
                            + " WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *");
                    break;
                case "swap-day":
                    input.createOrReplaceTempView("batch");
                    spark.conf().set("spark.sql.sources.partitionOverwriteMode", "dynamic");
                    spark.sql("INSERT OVERWRITE " + TABLE + " SELECT * FROM batch");
                    break;
                default:
                    throw new IllegalArgumentException("unknown mode " + mode);
            }
            long rows = spark.table(TABLE).count();
            System.out.println("rows " + rows);
        }
    }

    private static final String PROPERTIES =
            " TBLPROPERTIES ('format-version' = '2', 'write.parquet.compression-codec' = 'zstd',"
                    + " 'write.merge.mode' = 'copy-on-write', 'write.update.mode' = 'copy-on-write', 'write.delete.mode' = 'copy-on-write')";

    private static SparkSession session(Path warehouse, Path catalogDb) {
        return SparkSession.builder()
                .appName("weir-bench-peer")
                .master("local[2]")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
                .config("spark.sql.catalog.weir", "org.apache.iceberg.spark.SparkCatalog")
                .config("spark.sql.catalog.weir.catalog-impl", "org.apache.iceberg.jdbc.JdbcCatalog")
                .config("spark.sql.catalog.weir.uri", "jdbc:sqlite:" + catalogDb.toAbsolutePath())
                .config("spark.sql.catalog.weir.jdbc.schema-version", "V1")
                .config(
                        "spark.sql.catalog.weir.warehouse",
                        warehouse.toAbsolutePath().toString())
                .getOrCreate();
    }
}
