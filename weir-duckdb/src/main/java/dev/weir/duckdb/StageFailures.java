package dev.weir.duckdb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.SqlFailure;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

/**
 * Turns DuckDB's error for a stage's statement, given as JSON ({@code errors_as_json}), into a
 * {@link SqlFailure} at the character of the stage's SQL it names.
 */
final class StageFailures {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HINT =
            "fix the stage's SQL; it reads `source`, earlier stages by name and Weir tables as namespace.table";
    private static final String CONVERSION_HINT = "a value of the batch does not convert: fix the source data, or"
            + " use TRY_CAST, which makes such a value NULL (a contract's not_null check then quarantines the row)";

    private StageFailures() {}

    /**
     * @param prefix the text the statement puts before {@code sql}
     * @param sql the stage's SQL, to which the offset refers
     */
    static SqlFailure of(String stage, SQLException e, String prefix, String sql) {
        String text = DuckDbErrors.message(e);
        String engineMessage = text;
        int offset = -1;
        int json = text.indexOf('{');
        if (json >= 0) {
            try {
                JsonNode error = JSON.readTree(text.substring(json));
                engineMessage = error.path("exception_type").asText("") + " Error: "
                        + error.path("exception_message").asText("");
                if (error.hasNonNull("position")) {
                    offset = charOffset(
                            sql, Integer.parseInt(error.path("position").asText()) - utf8Length(prefix));
                }
            } catch (JsonProcessingException | NumberFormatException notJson) {
                engineMessage = text;
            }
        }
        String oneLine = String.join(
                " ",
                engineMessage
                        .lines()
                        .map(String::trim)
                        .filter(l -> !l.isEmpty())
                        .toList());
        return new SqlFailure(
                ErrorCode.TRANSFORM_FAILED,
                "Cannot run stage '" + stage + "': " + oneLine,
                offset,
                oneLine.startsWith("Conversion Error") ? CONVERSION_HINT : HINT,
                e);
    }

    /** The index of the char at UTF-8 byte {@code bytes} of {@code sql} (DuckDB counts bytes); -1 when outside it. */
    private static int charOffset(String sql, int bytes) {
        if (bytes < 0) {
            return -1;
        }
        int counted = 0;
        int i = 0;
        while (i < sql.length() && counted < bytes) {
            int codePoint = sql.codePointAt(i);
            counted += utf8Length(new String(Character.toChars(codePoint)));
            i += Character.charCount(codePoint);
        }
        return counted == bytes ? i : -1;
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
