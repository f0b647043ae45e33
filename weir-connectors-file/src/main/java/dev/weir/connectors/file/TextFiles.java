package dev.weir.connectors.file;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.Location;
import dev.weir.core.error.WeirException;
import dev.weir.core.spi.SourceFile;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Locale;

/** Opening the text of an input file, and what to say when it cannot be read. */
final class TextFiles {
    /** What a byte sequence invalid in the file's encoding decodes to; a value holding it is a {@code bad_encoding} reject. */
    static final char REPLACEMENT = '\uFFFD';

    private TextFiles() {}

    /** The file's characters; bytes invalid in {@code encoding} become {@link #REPLACEMENT}, so the record holding them can be rejected. */
    static Reader open(SourceFile file, String encoding) throws IOException {
        return new InputStreamReader(
                Files.newInputStream(file.path()),
                charset(encoding)
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE));
    }

    static Charset charset(String encoding) {
        switch (encoding.toLowerCase(Locale.ROOT)) {
            case "utf-16":
                return StandardCharsets.UTF_16;
            case "latin-1":
                return StandardCharsets.ISO_8859_1;
            default:
                return StandardCharsets.UTF_8;
        }
    }

    /** The run's error for a file that cannot be read at all: it names the file and says why in plain words. */
    static WeirException unreadable(SourceFile file, IOException e) {
        String why;
        if (e instanceof AccessDeniedException) {
            why = "permission denied";
        } else if (e instanceof NoSuchFileException) {
            why = "the file no longer exists (or is a dangling link)";
        } else {
            why = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        return new WeirException(
                ErrorCode.SOURCE_UNAVAILABLE,
                "Cannot read the file: " + why,
                Location.ofFile(file.relativePath()),
                "check that the file exists and that Weir may read it, then run again",
                e);
    }
}
