package dev.weir.lakehouse;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.apache.iceberg.io.IOUtil;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.SeekableInputStream;
import org.apache.parquet.format.Util;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/**
 * Reads the footer of a Parquet file without Hadoop: Parquet's own file reader needs Hadoop's
 * {@code Configuration}, so the footer bytes are located and decoded here.
 */
final class ParquetFooter {
    private static final String MAGIC = "PAR1";
    private static final String ENCRYPTED_MAGIC = "PARE";
    /** Footer length (4 bytes, little-endian) followed by the magic. */
    private static final int TAIL_LENGTH = 8;

    private ParquetFooter() {}

    /**
     * The footer of {@code file}.
     *
     * @throws WeirException {@code COMMIT_FAILED} when the file is not a readable, unencrypted Parquet file
     */
    static ParquetMetadata read(InputFile file) {
        if (!file.exists()) {
            throw notParquet(file, "it does not exist");
        }
        long length = file.getLength();
        if (length < MAGIC.length() + TAIL_LENGTH) {
            throw notParquet(file, "it is only " + length + " bytes long");
        }
        try (SeekableInputStream in = file.newStream()) {
            byte[] tail = new byte[TAIL_LENGTH];
            in.seek(length - TAIL_LENGTH);
            IOUtil.readFully(in, tail, 0, TAIL_LENGTH);
            String magic = new String(tail, 4, 4, StandardCharsets.US_ASCII);
            if (magic.equals(ENCRYPTED_MAGIC)) {
                throw notParquet(file, "its footer is encrypted");
            }
            if (!magic.equals(MAGIC)) {
                throw notParquet(file, "it does not end with the Parquet magic bytes");
            }
            int footerLength =
                    ByteBuffer.wrap(tail, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            if (footerLength <= 0 || footerLength > length - MAGIC.length() - TAIL_LENGTH) {
                throw notParquet(file, "its footer length " + footerLength + " does not fit the file");
            }
            byte[] footer = new byte[footerLength];
            in.seek(length - TAIL_LENGTH - footerLength);
            IOUtil.readFully(in, footer, 0, footerLength);
            return new ParquetMetadataConverter()
                    .fromParquetMetadata(Util.readFileMetaData(new ByteArrayInputStream(footer)));
        } catch (IOException e) {
            throw new WeirException(
                    ErrorCode.COMMIT_FAILED,
                    "Cannot read the Parquet footer of " + file.location() + ": " + e.getMessage(),
                    null,
                    null,
                    e);
        }
    }

    private static WeirException notParquet(InputFile file, String reason) {
        return WeirException.withHint(
                ErrorCode.COMMIT_FAILED,
                "Cannot read the Parquet footer of " + file.location() + ": " + reason,
                "data files must be plain Parquet files written by the engine");
    }
}
