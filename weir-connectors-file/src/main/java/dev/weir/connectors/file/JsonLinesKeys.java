package dev.weir.connectors.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.weir.core.spi.SourceFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The keys of JSON-lines files, for the columns a batch keeps beyond the declared ones
 * ({@code extra_columns: keep}): the union of every line's keys over the files, in the order first
 * seen, compared ignoring case as SQL names are (the twin of {@link CsvHeaders}). Unlike a CSV
 * header, every line may bring a key, so the files are read through once before they are loaded.
 * Lines that are not valid JSON objects bring none: they are rejects when the files are loaded.
 */
final class JsonLinesKeys {
    private static final char BOM = '\uFEFF';
    private final JsonFactory factory = JsonLinesRecordReader.factory();

    /** The keys of the lines of {@code files} that are not in {@code known} (compared ignoring case), in first-seen order. */
    List<String> namesBeyond(List<SourceFile> files, List<String> known) {
        Set<String> seen = new LinkedHashSet<>();
        known.forEach(n -> seen.add(n.toLowerCase(Locale.ROOT)));
        List<String> names = new ArrayList<>();
        List<String> lineKeys = new ArrayList<>();
        for (SourceFile file : files) {
            try (BufferedReader lines = new BufferedReader(TextFiles.open(file, "utf-8"), 1 << 16)) {
                String line = lines.readLine();
                if (line != null && !line.isEmpty() && line.charAt(0) == BOM) {
                    line = line.substring(1);
                }
                for (; line != null; line = lines.readLine()) {
                    if (!line.isBlank() && keys(line, lineKeys)) {
                        for (String key : lineKeys) {
                            if (seen.add(key.toLowerCase(Locale.ROOT))) {
                                names.add(key);
                            }
                        }
                    }
                }
            } catch (IOException e) {
                throw TextFiles.unreadable(file, e);
            }
        }
        return names;
    }

    /** Puts the top-level keys of {@code line} into {@code keys}; false when it is not one valid JSON object. */
    private boolean keys(String line, List<String> keys) {
        keys.clear();
        try (JsonParser parser = factory.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                keys.add(parser.currentName());
                parser.nextToken();
                parser.skipChildren();
            }
            return token == JsonToken.END_OBJECT && parser.nextToken() == null;
        } catch (IOException malformed) {
            return false;
        }
    }
}
