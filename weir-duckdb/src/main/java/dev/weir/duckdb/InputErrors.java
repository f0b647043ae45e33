package dev.weir.duckdb;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.Location;
import dev.weir.core.error.WeirException;
import java.sql.SQLException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns DuckDB's errors while reading input files into one-line messages that name the user's
 * file and the line of the bad record.
 */
final class InputErrors {
    private static final Pattern CSV_LINE = Pattern.compile("CSV Error on Line: (\\d+)");
    private static final Pattern FILE = Pattern.compile("(?m)^\\s*file = (.+)$");
    private static final Pattern JSON_FILE_LINE = Pattern.compile("in file \"([^\"]+)\".*?line (\\d+)", Pattern.DOTALL);
    private static final Pattern CONVERT =
            Pattern.compile("Error when converting column \"([^\"]+)\"\\. (Could not convert [^\\n]+)");

    private InputErrors() {}

    /** True when DuckDB failed on the content of an input file (rather than on the query). */
    static boolean isInputError(SQLException e) {
        String text = DuckDbErrors.message(e);
        return CSV_LINE.matcher(text).find()
                || JSON_FILE_LINE.matcher(text).find()
                || text.contains("Malformed JSON")
                || text.contains("Error when converting column");
    }

    static WeirException translate(SQLException e, Map<String, String> relativeNames) {
        String text = DuckDbErrors.message(e);
        String file = null;
        long line = 0;
        Matcher csvLine = CSV_LINE.matcher(text);
        Matcher fileMatch = FILE.matcher(text);
        Matcher json = JSON_FILE_LINE.matcher(text);
        if (csvLine.find()) {
            line = Long.parseLong(csvLine.group(1));
            if (fileMatch.find()) {
                file = fileMatch.group(1).trim();
            }
        } else if (json.find()) {
            file = json.group(1);
            line = Long.parseLong(json.group(2));
        }
        String message = "Cannot read record: " + summary(text);
        String hint = "fix the record in the source file and run again; nothing of this batch was loaded";
        if (file == null) {
            String shown = relativeNames.size() == 1
                    ? relativeNames.values().iterator().next()
                    : "input";
            return new WeirException(ErrorCode.MALFORMED_INPUT, message, Location.ofFile(shown), hint, e);
        }
        String shown = relativeNames.getOrDefault(file, file);
        return new WeirException(ErrorCode.MALFORMED_INPUT, message, Location.ofLine(shown, line), hint, e);
    }

    private static String summary(String text) {
        Matcher convert = CONVERT.matcher(text);
        if (convert.find()) {
            return "column '" + convert.group(1) + "': " + convert.group(2).trim();
        }
        for (String candidate : text.split("\\R")) {
            String line = candidate.trim().replaceFirst("^[A-Za-z ]+Error: ", "");
            if (line.isEmpty() || line.startsWith("CSV Error on Line") || line.startsWith("Original Line")) {
                continue;
            }
            return line;
        }
        return text.trim();
    }
}
