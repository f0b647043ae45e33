package dev.weir.lakehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetFooterTest {
    @TempDir
    Path dir;

    private final LocalFileIO io = new LocalFileIO();

    @Test
    void footerOfAParquetFileHoldsItsRowsAndFieldIds() {
        Schema schema = new Schema(Types.NestedField.required(7, "id", Types.LongType.get()));
        Record row = GenericRecord.create(schema);
        List<Record> rows = List.of(row.copy("id", 1L), row.copy("id", 2L), row.copy("id", 3L));
        Path file = dir.resolve("f.parquet");
        TestWarehouse.writeParquet(file, schema, rows);

        ParquetMetadata footer = ParquetFooter.read(io.newInputFile(file.toString()));

        assertThat(footer.getBlocks().stream().mapToLong(b -> b.getRowCount()).sum())
                .isEqualTo(3);
        assertThat(footer.getFileMetaData().getSchema().getType("id").getId().intValue())
                .isEqualTo(7);
    }

    @Test
    void aFileWithoutTheParquetMagicIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("f.parquet"), "id,name\n1,ada\n");

        assertThatThrownBy(() -> ParquetFooter.read(io.newInputFile(file.toString())))
                .isInstanceOfSatisfying(
                        WeirException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.COMMIT_FAILED))
                .hasMessage(
                        "Cannot read the Parquet footer of " + file + ": it does not end with the Parquet magic bytes");
    }

    @Test
    void aTruncatedFileIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("f.parquet"), "PAR1");

        assertThatThrownBy(() -> ParquetFooter.read(io.newInputFile(file.toString())))
                .isInstanceOf(WeirException.class)
                .hasMessage("Cannot read the Parquet footer of " + file + ": it is only 4 bytes long");
    }
}
