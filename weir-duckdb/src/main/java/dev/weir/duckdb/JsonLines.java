package dev.weir.duckdb;

import dev.weir.core.spec.ColumnDecl;
import dev.weir.core.spi.Batch;
import dev.weir.core.spi.EngineSession;
import dev.weir.core.spi.SourceFile;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads JSON-lines files with declared columns line by line, so that a bad line becomes a reject
 * with its {@code file:line} instead of failing the batch: DuckDB's {@code read_json} can skip bad
 * lines but cannot say which. A line is bad when it is not valid JSON, not an object, or holds a
 * value that does not convert to its column's declared type. Each file is read whole.
 */
final class JsonLines {
    private static final String LINES = "__weir_json_lines";
    private static final String VALID = "__weir_json_valid";
    private static final String OBJECTS = "__weir_json_objects";

    private JsonLines() {}

    /** Statements that leave the typed good rows in {@code rows} and the bad lines in {@code malformed}. */
    static List<String> statements(Batch.Files batch, String rows, String malformed) {
        String lines = batch.files().stream().map(JsonLines::linesOf).collect(Collectors.joining(" UNION ALL "));
        String bad = Sql.ident(EngineSession.REJECTED_CHECK) + ", %s AS " + Sql.ident(EngineSession.REJECTED_REASON)
                + ", raw AS " + Sql.ident(EngineSession.REJECTED_RECORD) + ", file || ':' || line AS "
                + Sql.ident(EngineSession.REJECTED_ORIGIN);
        String parse = "'parse' AS ";
        return List.of(
                "CREATE OR REPLACE TEMP TABLE " + LINES + " AS " + lines,
                // json_type and ->> fail on invalid JSON, so each test works on the rows the previous one kept
                "CREATE OR REPLACE TEMP TABLE " + VALID + " AS SELECT * FROM " + LINES + " WHERE json_valid(raw)",
                "CREATE OR REPLACE TEMP TABLE " + OBJECTS + " AS SELECT * FROM " + VALID
                        + " WHERE json_type(raw) = 'OBJECT'",
                "CREATE OR REPLACE TEMP TABLE " + Sql.ident(malformed) + " AS "
                        + "SELECT " + parse + String.format(bad, "'invalid JSON'") + " FROM " + LINES + " l ANTI JOIN "
                        + VALID
                        + " v USING (file, line) UNION ALL SELECT " + parse + String.format(bad, "'not a JSON object'")
                        + " FROM " + VALID
                        + " v ANTI JOIN " + OBJECTS + " o USING (file, line) UNION ALL SELECT " + parse
                        + String.format(bad, conversionFailure(batch.columns()))
                        + " FROM " + OBJECTS + " WHERE " + anyConversionFails(batch.columns()),
                "CREATE OR REPLACE TEMP TABLE " + Sql.ident(rows) + " AS SELECT "
                        + batch.columns().stream()
                                .map(c -> typed(c) + " AS " + Sql.ident(c.name()))
                                .collect(Collectors.joining(", "))
                        + " FROM " + OBJECTS
                        + " WHERE NOT (" + anyConversionFails(batch.columns()) + ")",
                "DROP TABLE " + LINES,
                "DROP TABLE " + VALID,
                "DROP TABLE " + OBJECTS);
    }

    /** One row per non-blank line of {@code file}: its name, its 1-based line number and the line. */
    private static String linesOf(SourceFile file) {
        return "SELECT " + Sql.literal(file.relativePath())
                + " AS file, i AS line, rtrim(l[i], chr(13)) AS raw FROM (SELECT l, "
                + "unnest(generate_series(1, len(l))) AS i FROM (SELECT string_split(content, chr(10)) AS l FROM read_text("
                + Sql.literal(file.path().toString()) + "))) WHERE trim(l[i]) <> ''";
    }

    private static String value(ColumnDecl column) {
        return "(raw ->> " + Sql.literal(column.name()) + ")";
    }

    private static String typed(ColumnDecl column) {
        return "TRY_CAST(" + value(column) + " AS " + column.sqlType() + ")";
    }

    private static String fails(ColumnDecl column) {
        return "(" + value(column) + " IS NOT NULL AND " + typed(column) + " IS NULL)";
    }

    private static String anyConversionFails(List<ColumnDecl> columns) {
        return columns.stream().map(JsonLines::fails).collect(Collectors.joining(" OR "));
    }

    /** Names the first column whose value does not convert, with the value. */
    private static String conversionFailure(List<ColumnDecl> columns) {
        return columns.stream()
                .map(c -> "WHEN " + fails(c) + " THEN 'CAST in column "
                        + c.name().replace("'", "''") + ": could not convert ' || " + value(c) + " || ' to "
                        + c.sqlType().replace("'", "''") + "'")
                .collect(Collectors.joining(" ", "CASE ", " END"));
    }
}
