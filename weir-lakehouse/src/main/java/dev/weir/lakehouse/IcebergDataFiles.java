package dev.weir.lakehouse;

import dev.weir.core.spi.WrittenFile;
import java.util.stream.Stream;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Metrics;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.PartitionData;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.mapping.NameMapping;
import org.apache.iceberg.mapping.NameMappingParser;
import org.apache.iceberg.parquet.ParquetUtil;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/** Turns Parquet files an engine wrote into Iceberg data files, with metrics read from their footers. */
final class IcebergDataFiles {
    private IcebergDataFiles() {}

    static DataFile from(Table table, WrittenFile written) {
        InputFile input =
                table.io().newInputFile(LocalFileIO.toPath(written.path()).toString());
        ParquetMetadata footer = ParquetFooter.read(input);
        Metrics metrics =
                ParquetUtil.footerMetrics(footer, Stream.empty(), MetricsConfig.forTable(table), nameMapping(table));
        PartitionSpec spec = table.spec();
        DataFiles.Builder builder = DataFiles.builder(spec)
                .withInputFile(input)
                .withFormat(FileFormat.PARQUET)
                .withMetrics(metrics)
                .withSplitOffsets(ParquetUtil.getSplitOffsets(footer));
        PartitionData partition = PartitionValues.of(spec, written.partitionValues(), written.path());
        if (spec.isPartitioned()) {
            builder.withPartition(partition);
        }
        return builder.build();
    }

    /** Maps columns by name in files written without field ids (DuckDB without FIELD_IDS). */
    private static NameMapping nameMapping(Table table) {
        String json = table.properties().get(TableProperties.DEFAULT_NAME_MAPPING);
        return json == null ? null : NameMappingParser.fromJson(json);
    }
}
