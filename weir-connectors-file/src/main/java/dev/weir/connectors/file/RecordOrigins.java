package dev.weir.connectors.file;

import dev.weir.core.spi.RecordReject;
import dev.weir.core.spi.SourceFile;

/** The rejects every file reader makes alike. */
final class RecordOrigins {
    private RecordOrigins() {}

    static String origin(String file, long line) {
        return file + ":" + line;
    }

    static RecordReject malformed(String detail, String record, String file, long line) {
        return new RecordReject("malformed_record", detail, record, origin(file, line));
    }

    /**
     * A file that is not text, set aside whole as one reject before anything is read from it. Its
     * bytes are not copied into the quarantine: the file stays where it is, named by the origin.
     */
    static RecordReject notText(String why, SourceFile file) {
        return new RecordReject(
                "not_text",
                why + "; the whole file (" + file.sizeBytes() + " bytes) is one reject",
                "",
                origin(file.relativePath(), 1));
    }
}
