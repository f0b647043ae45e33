package dev.weir.lakehouse;

import dev.weir.core.spi.WrittenDeleteFile;
import java.util.stream.Stream;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileMetadata;
import org.apache.iceberg.Metrics;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.parquet.ParquetUtil;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/**
 * Turns position-delete files an engine wrote into Iceberg delete files. Each one covers a single
 * data file, so it takes that file's partition and names it as its referenced data file; readers
 * then apply it to that file alone.
 */
final class IcebergDeleteFiles {
    private IcebergDeleteFiles() {}

    static DeleteFile from(Table table, WrittenDeleteFile written, DataFile dataFile) {
        InputFile input =
                table.io().newInputFile(LocalFileIO.toPath(written.path()).toString());
        ParquetMetadata footer = ParquetFooter.read(input);
        // the file carries the reserved field ids of file_path and pos, so no name mapping is needed
        Metrics metrics =
                ParquetUtil.footerMetrics(footer, Stream.empty(), MetricsConfig.forPositionDelete(table), null);
        return FileMetadata.deleteFileBuilder(table.specs().get(dataFile.specId()))
                .ofPositionDeletes()
                .withInputFile(input)
                .withFormat(FileFormat.PARQUET)
                .withMetrics(metrics)
                .withPartition(dataFile.partition())
                .withReferencedDataFile(dataFile.location())
                .build();
    }
}
