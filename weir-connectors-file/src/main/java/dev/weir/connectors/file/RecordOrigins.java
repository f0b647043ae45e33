package dev.weir.connectors.file;

import dev.weir.core.spi.RecordReject;

/** The rejects every file reader makes alike. */
final class RecordOrigins {
    private RecordOrigins() {}

    static String origin(String file, long line) {
        return file + ":" + line;
    }

    static RecordReject malformed(String detail, String record, String file, long line) {
        return new RecordReject("malformed_record", detail, record, origin(file, line));
    }
}
